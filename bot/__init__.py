"""The resident inquiry assistant's own Python package (NLU components, rendering, serving)."""
