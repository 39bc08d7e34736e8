"""The webhook: GitHub deliveries in, id-only review jobs out, never waiting on review work."""
