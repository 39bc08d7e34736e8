"""Admission: registry events (an alias or stage moved in MLflow) judged by the promotion gate."""
