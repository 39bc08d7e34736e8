"""Yoyodyne: small-vocabulary sequence-to-sequence generation."""
