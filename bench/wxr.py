"""Import speed and memory of `warta import-wxr` on large generated exports.

    .venv/bin/python bench/wxr.py [--sizes 2000:9000,10000:50000] [--repeat 3]

Writes a WXR 1.2 file shaped like WordPress's own (authors, categories, tags, block-editor
posts, threaded comments) for each size (posts:comments), then imports it into a fresh SQLite
data directory in a child process and reports the wall time, the CPU time and the peak resident
memory (min / median / max over --repeat runs). The targets (issue: import speed) are under 60 s
for 2,000 posts with 9,000 comments and under 90 s for 10,000 with 50,000, with memory flat:
the peaks of the small and the large export close to each other.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
WARTA = ROOT / ".venv" / "bin" / "warta"
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>http://127.0.0.1:8081</link><wp:wxr_version>1.2</wp:wxr_version>
"""


def write_export(path: Path, posts: int, comments: int) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.words import vocabulary

    rng = random.Random(5)
    words = vocabulary()

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(low, high))).capitalize()

    per_post, extra = divmod(comments, max(posts, 1))  # the first `extra` posts get one more
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for a in range(20):
            out.write(
                f"<wp:author><wp:author_login><![CDATA[penulis{a}]]></wp:author_login><wp:author_email>p{a}@contoh.id</wp:author_email>"
                f"<wp:author_display_name><![CDATA[Penulis {a}]]></wp:author_display_name></wp:author>\n"
            )
        for c in range(10):
            out.write(
                f"<wp:category><wp:category_nicename>rubrik-{c}</wp:category_nicename><wp:category_parent></wp:category_parent>"
                f"<wp:cat_name><![CDATA[Rubrik {c}]]></wp:cat_name></wp:category>\n"
            )
        comment_id = 1
        for p in range(1, posts + 1):
            day = 1 + p % 28
            body = "".join(
                f"<!-- wp:paragraph -->\n<p>{escape(sentence(20, 40))}.</p>\n<!-- /wp:paragraph -->\n" for _ in range(6)
            )
            out.write(
                f"<item><title>{escape(sentence(5, 9))}</title><link>http://127.0.0.1:8081/?p={p}</link>"
                f"<dc:creator><![CDATA[penulis{p % 20}]]></dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{p}</wp:post_id>"
                f"<wp:post_date>2023-05-{day:02d} 10:00:00</wp:post_date><wp:post_date_gmt>2023-05-{day:02d} 03:00:00</wp:post_date_gmt>"
                f"<wp:post_name>berita-{p}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>"
                f"<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="rubrik-{p % 10}"><![CDATA[Rubrik {p % 10}]]></category>'
                f'<category domain="post_tag" nicename="topik-{p % 300}"><![CDATA[Topik {p % 300}]]></category>\n'
            )
            first = comment_id
            for i in range(per_post + (p <= extra)):
                parent = first if i % 4 == 3 else 0
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author><![CDATA[Pembaca {comment_id % 999}]]></wp:comment_author>"
                    f"<wp:comment_author_email>r{comment_id}@contoh.id</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                    f"<wp:comment_author_IP>203.0.113.{comment_id % 250}</wp:comment_author_IP>"
                    f"<wp:comment_date>2023-05-{day:02d} 12:00:00</wp:comment_date><wp:comment_date_gmt>2023-05-{day:02d} 05:00:00</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{escape(sentence(8, 25))}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
                    f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
                )
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def import_once(path: Path) -> tuple[float, float, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    env["WARTA_DATA_DIR"] = tempfile.mkdtemp(prefix="warta-bench-wxr-")
    subprocess.run([str(WARTA), "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    child = subprocess.Popen([str(WARTA), "import-wxr", str(path)], env=env, stdout=subprocess.DEVNULL)
    # wait4: this child's own CPU time and peak memory, not the largest of all children so far.
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    # CPU seconds as well as wall time: on a shared machine the wall clock also counts the others.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def spread(values: list[float], unit: str) -> str:
    """min/median/max, or the one value of a single run."""
    if len(values) == 1:
        return f"{values[0]:.1f}{unit}"
    return "/".join(f"{v:.1f}" for v in (min(values), statistics.median(values), max(values))) + unit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000:9000,10000:50000", help="posts:comments, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="imports per size (min/median/max when more than 1)")
    options = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split(":")) for size in options.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="warta-bench-wxr-"))
    print(f"{'export':<34}{'size':>9}  time, CPU, peak RSS (min/median/max of {options.repeat})")
    for posts, comments in sizes:
        path = work / f"export-{posts}.xml"
        write_export(path, posts, comments)
        runs = [import_once(path) for _ in range(options.repeat)]
        label = f"{posts:,} posts, {comments:,} comments"
        print(
            f"{label:<34}{path.stat().st_size / 2**20:>7.1f}MB  "
            f"{spread([r[0] for r in runs], 's')}  {spread([r[1] for r in runs], 's CPU')}  "
            f"{spread([r[2] for r in runs], 'MB')}",
            flush=True,
        )


if __name__ == "__main__":
    main()
