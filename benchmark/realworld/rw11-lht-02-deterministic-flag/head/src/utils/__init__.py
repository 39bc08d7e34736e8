from src.utils.pylogger import get_pylogger
from src.utils.rich_utils import print_config_tree
from src.utils.task_utils import (
    get_metric_value,
    instantiate_callbacks,
    instantiate_loggers,
    log_hyperparameters,
    task_wrapper,
)
