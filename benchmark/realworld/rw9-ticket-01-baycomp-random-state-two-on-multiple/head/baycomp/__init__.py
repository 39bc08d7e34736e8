# pylint: disable=wildcard-import

from .single import *
from .multiple import *
