"""Frame-level label audit of pyro-dataset using a YOLO oracle."""
