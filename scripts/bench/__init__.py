"""Benchmarks that print figures (`make bench`); not tests."""

import os


def python_defaults_env() -> dict[str, str]:
    """This environment with Python's default bytecode cache. Where PYTHONDONTWRITEBYTECODE is set (as
    on this project's machines), every run of our code compiles its modules from source again (for
    the build hooks, 0.35-0.43 s of wall time in alternated builds here): a cost that the tools we
    are compared with never pay (their modules are compiled when pip installs them, or they are
    native), nor does a contributor's second run under Python's defaults."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
