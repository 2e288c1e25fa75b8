"""The answers' natural-language generator: data/responses.yml filled with the current facts.

Rasa loads it from endpoints.yml (`nlg: type: bot.nlg.FactsNLG`) in its own process.
The templates come from data/responses.yml, not from the model's domain (which holds
only the responses' names), and are rendered once per facts generation; Rasa then
fills {slot} placeholders and picks the channel's variation as it always does.

A fact's answer (data/topics.yml) also asks 「役に立ちましたか」 with はい / いいえ
buttons (quick replies on LINE) and, when ANNOUNCEMENT_URL is set, links the city's
page; the greeting says where the facts come from. Everything is said in the
conversation's language (bot.language), read from the tracker for each answer.
"""
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.language import ANSWER_LANGUAGE, JAPANESE, answer_language
from bot.messages import message
from bot.render import rendered_responses
from bot.settings import settings
from bot.topics import topics

GREETING = "utter_greet"
FEEDBACK_PAYLOADS = {"feedback_yes": "/feedback_helpful", "feedback_no": "/feedback_unhelpful"}


@lru_cache(maxsize=None)
def fact_answers() -> FrozenSet[str]:
    return frozenset(topic.response for topic in topics().values() if topic.fact_answer)


def with_extras(name: str, response: Dict[str, Any], asking_feedback: bool = True,
                language: str = JAPANESE) -> Dict[str, Any]:
    url = settings().announcement_url
    if name in fact_answers():
        lines = [response["text"]]
        if url:
            lines.append(message("announcement_link", language, url=url))
        if asking_feedback:
            lines.append(message("feedback_question", language))
            response["buttons"] = [{"title": message(key, language), "payload": payload}
                                   for key, payload in FEEDBACK_PAYLOADS.items()]
        response["text"] = "\n".join(lines)
    elif name == GREETING and url:
        response["text"] = "\n".join([response["text"], message("announcement_source", language, url=url)])
    return response


def language_of(tracker: DialogueStateTracker) -> str:
    metadata = tracker.latest_message.metadata if tracker.latest_message else None
    return answer_language(tracker.current_slot_values(), metadata)


class FactsNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 domain: Optional[Domain] = None, **kwargs: Any) -> None:
        super().__init__(responses={})

    async def generate(self, utter_action: str, tracker: DialogueStateTracker,
                       output_channel: str, **kwargs: Any) -> Optional[Dict[str, Any]]:
        language = language_of(tracker)
        self.responses = rendered_responses(language)
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if response is None:
            return None
        # Rasa hands keys it does not know to the output channel: LINE labels its dial
        # buttons in the answer's language.
        response[ANSWER_LANGUAGE] = language
        # During the address check the next message is the resident's answer: no buttons.
        return with_extras(utter_action, response, not tracker.active_loop_name, language)
