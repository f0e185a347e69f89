"""Shared geometry: text that fits, day grids, N-up placement. No product logic here."""
