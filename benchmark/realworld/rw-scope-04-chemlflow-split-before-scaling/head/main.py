"""Config-driven ChemBL workflow: python main.py config/config.chembl.yaml"""
import os
import subprocess
import sys

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

from MLModels import data_preprocessing, train_models


def run_node_get_data(cfg: dict) -> None:
    subprocess.run(['python', os.path.join('GetData', 'get_ChEMBL_target_full.py'),
                    cfg['source']['target_name'], os.path.join(cfg['base_dir'], 'raw.csv')], check=True)


def run_node_curate(cfg: dict) -> None:
    base = cfg['base_dir']
    subprocess.run(['python', os.path.join('utilities', 'prepareActivityData.py'),
                    os.path.join(base, 'raw.csv'), os.path.join(base, 'preprocessed.csv'),
                    os.path.join(base, 'curated.csv'), os.path.join(base, 'curated_smiles.csv'),
                    '--active_threshold', str(cfg['thresholds']['active']),
                    '--inactive_threshold', str(cfg['thresholds']['inactive']),
                    '--properties', 'standard_value'], check=True)


def run_node_featurize_rdkit(cfg: dict) -> None:
    base = cfg['base_dir']
    subprocess.run(['python', os.path.join('GenDescriptors', 'RDKit_descriptors_labeled.py'),
                    os.path.join(base, 'curated.csv'), os.path.join(base, 'rdkit_descriptors.csv'),
                    os.path.join(base, 'pic50.csv')], check=True)


def run_node_train(cfg: dict) -> None:
    base = cfg['base_dir']
    pp = cfg['preprocess']
    X, y = data_preprocessing.load_data(os.path.join(base, 'rdkit_descriptors.csv'),
                                        os.path.join(base, 'pic50.csv'))
    X, y = X.reset_index(drop=True), y.reset_index(drop=True)
    data_preprocessing.verify_data_quality(X, y)

    # Split first; everything that learns from data is fit on the training rows only.
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=pp['test_size'], random_state=pp['random_state'])
    preprocessor = data_preprocessing.fit_preprocessor(
        X_train, variance_threshold=pp['variance_threshold'],
        corr_threshold=pp['corr_threshold'], clip_range=tuple(pp['clip_range']))
    X_train_pre = data_preprocessing.transform_preprocessor(X_train, preprocessor)
    X_test_pre = data_preprocessing.transform_preprocessor(X_test, preprocessor)
    X_train_sel = data_preprocessing.select_stable_features(
        X_train_pre, y_train, random_state=pp['random_state'], k=pp['stable_features_k'])
    X_test_sel = X_test_pre[X_train_sel.columns]
    data_preprocessing.check_data_leakage(X_train_sel, X_test_sel)

    model_cfg = cfg['model']
    train_models.train_model(X_train_sel, y_train, X_test_sel, y_test,
                             model_type=model_cfg['type'],
                             output_dir=os.path.join('results', os.path.basename(base)),
                             random_state=pp['random_state'],
                             cv_folds=model_cfg['cv_folds'],
                             search_iters=model_cfg['search_iters'])


NODES = {
    'get_data': run_node_get_data,
    'curate': run_node_curate,
    'featurize.rdkit': run_node_featurize_rdkit,
    'train': run_node_train,
}


def main(config_path: str) -> None:
    with open(config_path) as f:
        cfg = yaml.safe_load(f)
    os.makedirs(cfg['base_dir'], exist_ok=True)
    for node in cfg['pipeline']['nodes']:
        NODES[node](cfg)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'config/config.chembl.yaml')
