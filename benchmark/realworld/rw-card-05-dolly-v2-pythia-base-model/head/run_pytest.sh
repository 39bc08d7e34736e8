#!/bin/sh
python -m pytest test
