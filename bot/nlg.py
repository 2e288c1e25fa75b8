"""The answers' natural-language generator: data/responses.yml filled with the current facts.

Rasa loads it from endpoints.yml (`nlg: type: bot.nlg.FactsNLG`) in its own process.
The templates come from data/responses.yml, not from the model's domain (which holds
only the responses' names), and are rendered once per facts generation; Rasa then
fills {slot} placeholders and picks the channel's variation as it always does.
"""
from typing import Any, Dict, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.render import rendered_responses


class FactsNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 domain: Optional[Domain] = None, **kwargs: Any) -> None:
        super().__init__(responses={})

    async def generate(self, utter_action: str, tracker: DialogueStateTracker,
                       output_channel: str, **kwargs: Any) -> Optional[Dict[str, Any]]:
        self.responses = rendered_responses()
        return await super().generate(utter_action, tracker, output_channel, **kwargs)
