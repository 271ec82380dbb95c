"""The browser fixtures (`browser`, `page`) live in tests/conftest.py, shared with tests/quality;
`phone` (a 390 px touch screen) is the browser tests' own."""

import pytest

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
