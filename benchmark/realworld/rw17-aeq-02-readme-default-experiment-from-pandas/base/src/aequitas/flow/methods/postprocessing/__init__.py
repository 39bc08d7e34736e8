from .balanced_group_threshold import BalancedGroupThreshold
from .group_threshold import GroupThreshold
from .identity import Identity
from .threshold import Threshold

__all__ = ["BalancedGroupThreshold", "GroupThreshold", "Identity", "Threshold"]
