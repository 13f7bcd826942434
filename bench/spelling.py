"""Quality of the Indonesian spelling and style checker (warta.lib.spelling).

    .venv/bin/python bench/spelling.py [--show]

Two figures, as the issue asks:

* findings per 1,000 words on published text: the demo articles plus the published posts of the
  medium WordPress export, with and without the newsroom dictionary that the language app seeds
  (the outlet's names, acronyms and terms). Published text was edited, so nearly every finding
  there is a false alarm; --show lists them to judge by eye.
* recall on typical errors (bench/spelling-errors.tsv, one `sentence<TAB>wrong<TAB>right` a
  line, collected from Indonesian newsrooms' usual mistakes): how many are found, and how many
  with the right suggestion first.

No database and no Django: the texts are read from the files themselves.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warta.lib.spelling import Finding, check  # noqa: E402

DEMO = ROOT / "warta" / "demo" / "content.json"
WXR = ROOT / "tests" / "fixtures" / "wordpress" / "wordpress-export-medium.xml"
ERRORS = Path(__file__).resolve().parent / "spelling-errors.tsv"
NEWSROOM = ROOT / "warta" / "language" / "seeds" / "kamus_redaksi.txt"
# Findings in the published text that are real mistakes, checked by eye (the seed article's two,
# and "pasca" written apart, PUEBI's bound form); every other finding there is a false alarm.
REAL_ERRORS = frozenset({"stabilitasn", "kesana", "pasca Perang", "pasca kekalahan"})
NS = {"content": "http://purl.org/rss/1.0/modules/content/", "wp": "http://wordpress.org/export/1.2/"}


def _plain(markup: str) -> str:
    markup = re.sub(r"\[/?[a-z_]+[^\]]*\]", " ", markup)  # WordPress shortcodes ([caption ...]) are not prose
    text = re.sub(r"<(?:br|/p|/h\d|/li|/blockquote)[^>]*>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def published_texts() -> list[tuple[str, str]]:
    """(name, plain text) of every published article of the demo and of the medium export."""
    texts = []
    for article in json.loads(DEMO.read_text(encoding="utf-8"))["articles"]:
        parts = [article["headline"], article.get("dek", "")]
        for block in article["body"]:
            parts.extend(block.get("items", []))
            parts.append(block.get("text", ""))
            parts.append(block.get("caption", ""))
        texts.append((f"demo/{article['slug']}", _plain("\n".join(p for p in parts if p))))
    for item in ElementTree.parse(WXR).iter("item"):
        if item.findtext("wp:status", namespaces=NS) == "publish" and item.findtext("wp:post_type", namespaces=NS) in {
            "post",
            "page",
        }:
            body = item.findtext("content:encoded", default="", namespaces=NS)
            texts.append(
                (f"wxr/{item.findtext('wp:post_name', namespaces=NS)}", f"{item.findtext('title')}\n{_plain(body)}")
            )
    return texts


def newsroom_words() -> list[str]:
    return [w.strip() for w in NEWSROOM.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]


def false_alarms(extra: list[str], show: bool) -> tuple[int, int, int]:
    """(real errors found, false alarms, words) over the published text."""
    words = real = findings = 0
    for name, text in published_texts():
        words += len(re.findall(r"[^\W\d_]+", text))
        found: list[Finding] = check(text, extra)
        real += sum(1 for finding in found if finding.word in REAL_ERRORS)
        findings += sum(1 for finding in found if finding.word not in REAL_ERRORS)
        for finding in found if show else []:
            print(f"  {name} {finding}")
    return real, findings, words


def recall() -> tuple[int, int, int, list[str]]:
    total = caught = first = 0
    misses = []
    for line in ERRORS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, wrong, right = line.split("\t")
        total += 1
        hits = [f for f in check(sentence) if f.word == wrong]
        if hits:
            caught += 1
            if hits[0].suggestions and hits[0].suggestions[0] == right:
                first += 1
            else:
                misses.append(f"{wrong} → {hits[0].suggestions[:3]} (expected {right})")
        else:
            misses.append(f"{wrong}: not found")
    return total, caught, first, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="list every finding on published text and every miss")
    args = parser.parse_args()
    started = time.monotonic()
    for label, extra in (("without newsroom dictionary", []), ("with newsroom dictionary", newsroom_words())):
        real, findings, words = false_alarms(extra, args.show)
        print(
            f"published text ({words} words), {label}: {real} real errors found, "
            f"{findings} false alarms = {1000 * findings / words:.2f} per 1,000 words"
        )
    total, caught, first, misses = recall()
    print(
        f"typical errors: {caught}/{total} found ({100 * caught / total:.0f} %), right suggestion first {first}/{total} ({100 * first / total:.0f} %)"
    )
    for miss in misses if args.show else []:
        print(f"  {miss}")
    print(f"({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
