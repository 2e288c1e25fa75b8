"""The affected set, held only as keyed hashes of (address, birth date) pairs.

`python -m bot.registry import FILE.csv` loads the city's export; `check` asks it.
"""
