"""Benchmarks (`make bench`): understanding against baselines, and load."""
