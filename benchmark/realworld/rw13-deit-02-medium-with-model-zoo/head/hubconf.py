# Copyright (c) 2015-present, Facebook, Inc.
# All rights reserved.
from models import *
from cait_models import *
from resmlp_models import *
#from patchconvnet_models import *

dependencies = ["torch", "torchvision", "timm"]
