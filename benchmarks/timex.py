"""Benchmark parley.timex against TempEval-3 style gold annotations (TimeBank/AQUAINT JSONL).

Usage: python benchmarks/timex.py [PATH] [--errors]

Prints span F1 (strict and overlapping) and value F1 per type, then throughput, and as the last line the
value F1 over DATE and TIME together. ``--errors`` prints every miss and false alarm (for local tuning only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parley.timex import TimeExpression, find_time_expressions  # noqa: E402

DEFAULT_PATH = Path("/work/shared/eval/timex/tempeval3-timebank-aquaint.jsonl")
GROUPS: dict[str, frozenset[str]] = {
    "DATE": frozenset({"DATE"}),
    "TIME": frozenset({"TIME"}),
    "DATE+TIME": frozenset({"DATE", "TIME"}),
    "all": frozenset({"DATE", "TIME", "DURATION", "SET"}),
}


@dataclass(frozen=True)
class Gold:
    """One gold TIMEX3 annotation."""

    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Counts:
    """True positives and totals for one metric, accumulated over articles."""

    tp_pred: int = 0
    tp_gold: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def f1(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (0 when undefined)."""
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlaps(a: TimeExpression, b: Gold) -> bool:
    return a.start < b.end and b.start < a.end


def _match(pred: list[TimeExpression], gold: list[Gold], mode: str) -> tuple[int, int]:
    """One-to-one greedy matching; returns (matched predictions, matched gold), equal by construction."""
    used: set[int] = set()
    tp = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i in used:
                continue
            if mode == "strict":
                ok = p.start == g.start and p.end == g.end
            elif mode == "overlap":
                ok = _overlaps(p, g)
            else:
                ok = _overlaps(p, g) and p.value == g.value
            if ok:
                used.add(i)
                tp += 1
                break
    return tp, tp


def run(path: Path, show_errors: bool) -> None:
    """Evaluate every article in ``path`` and print the result table."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {(g, m): Counts() for g in GROUPS for m in ("strict", "overlap", "value")}
    t0 = time.perf_counter()
    outputs = []
    for doc in docs:
        anchor = dt.date.fromisoformat(doc["date"][:10])
        outputs.append(find_time_expressions(doc["text"], anchor))
    elapsed = time.perf_counter() - t0
    for doc, pred_all in zip(docs, outputs, strict=True):
        gold_all = [Gold(t["start"], t["end"], t["type"], t["value"], t["text"]) for t in doc["timexes"]]
        for group, types in GROUPS.items():
            pred = [p for p in pred_all if p.type in types]
            gold = [g for g in gold_all if g.type in types]
            for mode in ("strict", "overlap", "value"):
                c = counts[(group, mode)]
                tp_p, tp_g = _match(pred, gold, mode)
                c.tp_pred += tp_p
                c.tp_gold += tp_g
                c.n_pred += len(pred)
                c.n_gold += len(gold)
        if show_errors:
            _print_errors(doc, pred_all, gold_all)
    print(f"articles: {len(docs)}   gold timexes: {counts[('all', 'strict')].n_gold}")
    print(f"{'type':<10} {'metric':<16} {'P':>6} {'R':>6} {'F1':>6}   (pred/gold)")
    for group in GROUPS:
        for mode, label in (("strict", "span strict"), ("overlap", "span overlap"), ("value", "value")):
            c = counts[(group, mode)]
            p, r, f = c.f1()
            print(f"{group:<10} {label:<16} {p:6.3f} {r:6.3f} {f:6.3f}   ({c.n_pred}/{c.n_gold})")
    print(f"throughput: {len(docs) / elapsed:.1f} articles/s ({elapsed:.2f} s)")
    print(f"value F1 DATE+TIME {counts[('DATE+TIME', 'value')].f1()[2]:.2f}")


def _print_errors(doc: dict, pred: list[TimeExpression], gold: list[Gold]) -> None:
    """Print wrong values, misses and false alarms of one article with a little context."""
    text = doc["text"]

    def ctx(s: int, e: int) -> str:
        return (text[max(0, s - 40) : s] + "[" + text[s:e] + "]" + text[e : e + 30]).replace("\n", " ")

    for g in gold:
        hits = [p for p in pred if _overlaps(p, g)]
        if not hits:
            print(f"MISS {doc['date']} {g.type:<8} {g.value:<14} {ctx(g.start, g.end)}")
        elif all(p.value != g.value for p in hits):
            got = f"{hits[0].type}:{hits[0].value}"
            print(f"VAL  {doc['date']} {g.type:<8} gold={g.value:<12} got={got:<18} {ctx(g.start, g.end)}")
    for p in pred:
        if not any(_overlaps(p, g) for g in gold):
            print(f"FA   {doc['date']} {p.type:<8} {p.value:<14} {ctx(p.start, p.end)}")


def main() -> None:
    """Parse arguments and run the benchmark, exiting quietly when the data is absent."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--errors", action="store_true", help="print misses and false alarms")
    args = ap.parse_args()
    if not args.path.exists():
        print(f"timex benchmark data not found at {args.path}; skipping")
        return
    run(args.path, args.errors)


if __name__ == "__main__":
    main()
