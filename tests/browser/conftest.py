"""The browser fixtures (`browser`, `page`) live in tests/conftest.py, shared with tests/quality."""
