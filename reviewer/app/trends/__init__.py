"""Sprint risk trends over recorded reviews, for engineering managers."""
