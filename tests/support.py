"""Secrets the test servers run with (test values only)."""
TEST_REGISTRY_KEY = "test-key-" + "0" * 40
LINE_SECRET = "test-line-channel-secret"
LINE_TOKEN = "test-line-access-token"
STAFF_API_TOKEN = "test-staff-api-token"
STAFF_NAME = "tester"
STAFF_PASSWORD = "correct horse battery staple"
