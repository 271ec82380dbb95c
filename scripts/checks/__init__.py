"""The offline content checks (`python -m scripts check`; the list of them is in run.py) and the text
normalisation they share with the citation engine and the online link check.

No imports here: the citation engine imports textnorm, so this package must load without pulling in
every check.
"""
