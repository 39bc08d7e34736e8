"""The stand-in's Messages endpoint (`POST /v1/messages`): answers in the Messages API's shape, so a
deployment under test can run with a model configured and faults (529, 429) can be injected."""

from __future__ import annotations

import json
import secrets
from typing import Any

MODEL = "claude-sonnet-4-6"


def _text_for(body: dict[str, Any]) -> str:
    """A well-formed answer that claims nothing: no unit judged, no explanation offered."""
    fmt = ((body.get("output_config") or {}).get("format") or {}) if isinstance(body, dict) else {}
    properties = (fmt.get("schema") or {}).get("properties") or {}
    if "explanation" in properties:
        return json.dumps({"explanation": "The stand-in model has nothing to add.", "citations": []})
    return json.dumps({"units": []})


def messages(body: dict[str, Any], api_key: str = "", token: str = "", **_: Any) -> tuple[int, Any]:
    if not api_key and not token:
        return 401, {"type": "error", "error": {"type": "authentication_error", "message": "an API key is required"}}
    if not isinstance(body.get("messages"), list) or not body.get("model"):
        return 400, {"type": "error", "error": {"type": "invalid_request_error", "message": "messages and model"}}
    return 200, {"id": f"msg_{secrets.token_hex(8)}", "type": "message", "role": "assistant",
                 "model": body.get("model") or MODEL, "content": [{"type": "text", "text": _text_for(body)}],
                 "stop_reason": "end_turn", "stop_sequence": None,
                 "usage": {"input_tokens": 200, "output_tokens": 20, "cache_read_input_tokens": 0,
                           "cache_creation_input_tokens": 0}}
