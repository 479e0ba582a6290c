"""Score parley against hand-coded gold: the development gold (real articles in ../shared) by default.

usage: python benchmarks/dev_gold.py [GOLD.jsonl] [--corpus CORPUS.jsonl | --articles FOLDER] [--errors]

Runs parley on exactly the articles the gold codes, exports the events and prints the scorer's report
(shared/eval/score.py). With --errors it also lists, per article, the gold tuples missed and the
predicted tuples that match nothing, for development.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(ROOT / "gold" / "dev.jsonl"))
    parser.add_argument("--corpus", default=str(SHARED / "corpus" / "news-1996-2006.jsonl"))
    parser.add_argument("--articles", help="a folder of articles instead of the corpus (e.g. examples/articles)")
    parser.add_argument("--errors", action="store_true", help="list missed and spurious tuples per article")
    args = parser.parse_args()
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        print(f"no scorer at {scorer}; nothing to do")
        return 0

    from parley.export import export_events
    from parley.pipeline import run
    from parley.store import open_store

    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    wanted = {g["article"] for g in gold}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.articles:
            inputs = [args.articles]
        else:
            if not Path(args.corpus).exists():
                print(f"no corpus at {args.corpus}; nothing to do")
                return 0
            subset = tmpdir / "articles.jsonl"
            with open(args.corpus, encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
                for line in src:
                    if json.loads(line)["id"] in wanted:
                        dst.write(line)
            inputs = [str(subset)]
        db = tmpdir / "gold.duckdb"
        with open_store(db) as store:
            stats = run(inputs, store)
        events = tmpdir / "events.jsonl"
        with open_store(db, read_only=True) as store:
            export_events(store, "jsonl", str(events))
        print(f"{stats.coded} articles, {stats.events} events stored")
        subprocess.run([sys.executable, str(scorer), args.gold, str(events)], check=True)
        if args.errors:
            show_errors(scorer, args.gold, events)
    return 0


def show_errors(scorer: Path, gold_path: str, events: Path) -> None:
    sys.path.insert(0, str(scorer.parent))
    import score  # type: ignore[import-not-found]

    gold, pred = score.load(gold_path, str(events))
    for art, gevents in gold.items():
        req = [e for e in gevents if not e.get("optional")]
        opt = [e for e in gevents if e.get("optional")]
        pkeys = {score.pred_key(e, "coded"): e for e in pred.get(art, [])}
        missed = [e for e in req if not any(score.matches(p, score.gold_keys(e, "coded")) for p in pkeys)]
        spurious = [p for p in pkeys if not any(score.matches(p, score.gold_keys(e, "coded")) for e in req + opt)]
        if not missed and not spurious:
            continue
        print(f"\n== {art}")
        for e in missed:
            print(f"  missed  {e['code']} {e['source']} -> {e['target']}")
        for p in spurious:
            ev = pkeys[p]
            print(f"  extra   {p}  [{ev['evidence']['trigger']}] {ev['evidence']['sentence'][:140]}")


if __name__ == "__main__":
    sys.exit(main())
