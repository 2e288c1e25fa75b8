"""Secrets and settings the test servers run with (test values only)."""
TEST_REGISTRY_KEY = "test-key-" + "0" * 40
LINE_SECRET = "test-line-channel-secret"
LINE_TOKEN = "test-line-access-token"
STAFF_API_TOKEN = "test-staff-api-token-" + "1" * 32
ACTION_SERVER_TOKEN = "test-action-server-token-" + "2" * 32
STAFF_NAME = "tester"
STAFF_PASSWORD = "correct horse battery staple"

# What every process of the test run reads (pytest's own and the servers it starts).
TEST_SETTINGS = {
    "REGISTRY_HMAC_KEY": TEST_REGISTRY_KEY,
    "STAFF_API_TOKEN": STAFF_API_TOKEN,
    "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN,
    "PUBLIC_HOST": "127.0.0.1",
    "INTERNAL_HOST": "127.0.0.1",
}


def run_async(awaitable):
    """Run a coroutine to its end from a test, even while the browser tests' event loop
    runs in this thread (Playwright's sync API keeps one going)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, awaitable).result()
