"""No message text and no personal data in a log line, whoever logs it."""
import io
import logging

import pytest

from bot import log_redaction

ADDRESS = "撫養町立岩字松原215番地10"
BIRTH = "昭和58年10月6日"


@pytest.fixture
def log_output():
    """A handler on a fresh logger, with the scrubbing record factory installed."""
    saved = logging.getLogRecordFactory()
    log_redaction.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("test.log_redaction")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logging.setLogRecordFactory(saved)


def test_personal_data_in_a_message_or_its_arguments_is_redacted(log_output):
    logger, stream = log_output
    logger.error("could not handle %s (born %s), phone 088-612-3456", ADDRESS, BIRTH)
    logger.warning(f"user said {ADDRESS}")
    text = stream.getvalue()
    assert "215" not in text and "昭和58" not in text and "3456" not in text
    assert "could not handle" in text


def test_an_exception_is_logged_by_type_and_stack_never_its_message(log_output):
    logger, stream = log_output
    typed = "二百一五番地の佐藤様"  # the stack shows code lines, so the value comes from a variable
    try:
        try:
            int(typed)
        except ValueError as inner:
            raise RuntimeError(f"address {ADDRESS} failed") from inner
    except RuntimeError:
        logger.exception("action failed")
    text = stream.getvalue()
    assert "ValueError: [withheld]" in text and "RuntimeError: [withheld]" in text
    assert "佐藤" not in text and "215" not in text and "Traceback" in text


def test_a_long_dump_is_cut(log_output):
    logger, stream = log_output
    logger.error("tracker: %s", {"events": ["何件漏れたの"] * 200})
    assert len(stream.getvalue()) < log_redaction.MAX_MESSAGE_CHARS + 100


def test_rasa_structured_events_keep_their_name_and_withhold_the_text():
    try:
        raise ValueError(f"bad {ADDRESS}")
    except ValueError as error:
        event = log_redaction.scrub_event(None, "error", {
            "event": "rest.message.received.failure", "text": "何件漏れたの？ 私は鳴門太郎です",
            "slot_values": {"address": ADDRESS}, "exc_info": error, "action_name": "action_check_registry"})
    assert event["event"] == "rest.message.received.failure"
    assert event["text"] == event["slot_values"] == log_redaction.WITHHELD
    assert event["action_name"] == "action_check_registry"
    assert "ValueError: [withheld]" in event["exception"] and ADDRESS not in event["exception"]
    assert event["exc_info"] is False
