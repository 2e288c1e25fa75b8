"""The scripts operators read on the phone (data/staff.yml), checked for every topic."""
import pytest

from bot.render import render_text
from bot.topics import topics
from bot.web.staff import short_actor, staff_data

SCRIPTS = staff_data()["read_aloud"]
SPOKEN_TOPICS = [intent for intent, topic in topics().items() if topic.offered]


@pytest.mark.parametrize("intent", SPOKEN_TOPICS)
def test_every_topic_offered_to_residents_has_a_script_that_suits_a_phone_call(intent, facts):
    script = render_text(SCRIPTS[intent], facts)
    # One spoken paragraph: no placeholders left, no bulleted lines.
    assert "{" not in script and "\n" not in script
    # The caller is already on the phone with the call center.
    for words in ("お電話ください", "お電話で", "お問い合わせください", facts["call_center_phone"].value):
        assert words not in script, (intent, words)
    assert len(script) <= 300


def test_scripts_are_written_only_for_known_topics():
    assert set(SCRIPTS) <= set(topics())


@pytest.mark.parametrize("actor, shown", [
    ("staff:yamada", "staff:yamada"),
    ("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "0F1E-2D3C"),
])
def test_audit_actors_are_shown_short(actor, shown):
    assert short_actor(actor) == shown
