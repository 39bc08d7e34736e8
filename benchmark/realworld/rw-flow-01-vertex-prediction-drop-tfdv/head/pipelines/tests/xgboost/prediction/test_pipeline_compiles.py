from kfp import compiler

from pipelines.xgboost.prediction.pipeline import xgboost_pipeline


def test_prediction_pipeline_compiles(tmp_path):
    out = tmp_path / "prediction.yaml"
    compiler.Compiler().compile(pipeline_func=xgboost_pipeline, package_path=str(out))
    assert "xgboost-prediction-pipeline" in out.read_text()
