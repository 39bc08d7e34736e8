#!/usr/bin/bash

# configuration
DVCSTORE_DIR='/mnt/data/dvcstore'

echo "Checking for virtualenv (venv)"
if [ ! -e venv/bin/activate ]; then
    python3 -m venv venv
fi
if [ -z "$VIRTUAL_ENV" ]; then
    echo "Run 'source venv/bin/activate', then re-run '$0'"
    exit
fi

echo "Installing Python packages"
pip install -q -r requirements.txt

if dvc remote list | grep -q -F -e "$DVCSTORE_DIR"; then
    echo "DVC storage looks configured"
else
    dvc remote add --local --default local "$DVCSTORE_DIR"
fi
