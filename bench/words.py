"""Indonesian words for generated benchmark content, taken from the demo articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent / "warta" / "demo" / "content.json"


def vocabulary() -> list[str]:
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    text = " ".join(b.get("text", "") for a in content["articles"] for b in a["body"])
    return re.findall(r"[^\W\d_]{3,}", text.lower())
