"""Quality and speed of `crest ask`, on the question sets under bench/help_questions/ (tuning and untouched parts).

Prints, for each part (tuning, untouched, untouched_2, readers, readers_2, ..., readers_19):
- top-1 and top-3 accuracy on lay questions labelled with their entry (goals >= 85% and >= 95%);
- red-flag recall: warning signs pinned with the level crp-facts.md gives them (goal 100%);
- the false urgent rate on near misses that must not pin a warning (goal <= 5%);
- p95 latency of the service call the doors make (goal well under 50 ms), over --rounds passes, and its CPU time
  (on a shared machine the wall-clock figure mostly measures the other processes).

    python bench/help_search.py [--rounds 5] [--show-misses] [--set DIR]

`--set DIR` measures another set laid out like one part (answers.tsv, red_flags.tsv, near_misses.txt), e.g. the
team's held-back readers' questions. Misses of the untouched part are listed only to be reported, never tuned on.
"""

import argparse
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from crest.services import help as help_service

QUESTIONS = Path(__file__).resolve().parent / "help_questions"


@dataclass
class QuestionSet:
    name: str
    answers: list[tuple[str, str]] = field(default_factory=list)  # (expected entry id, question)
    red_flags: list[tuple[str, str, str]] = field(default_factory=list)  # (level, entry id, question)
    near_misses: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.answers or self.red_flags or self.near_misses)


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def load_set(folder: Path) -> QuestionSet:
    answers = [(row[0], row[1]) for row in _rows(folder / "answers.tsv")]
    red_flags = [(row[0], row[1], row[2]) for row in _rows(folder / "red_flags.tsv")]
    near_misses = [row[0] for row in _rows(folder / "near_misses.txt")]
    return QuestionSet(folder.name, answers, red_flags, near_misses)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "   n/a"


def measure(questions: QuestionSet, rounds: int, show_misses: bool) -> None:
    top1 = top3 = 0
    misses: list[str] = []
    for expected, question in questions.answers:
        found = [answer.id for answer in help_service.ask(question).answers]
        top1 += found[:1] == [expected]
        top3 += expected in found
        if found[:1] != [expected]:
            misses.append(f"  answer  want {expected:<26} got {', '.join(found) or '(nothing)':<60} | {question}")
    recalled = 0
    for level, entry_id, question in questions.red_flags:
        urgent = next(iter(help_service.ask(question).warnings), None)  # the most urgent one pinned
        recalled += urgent is not None and urgent.level == level
        if urgent is None or urgent.level != level or urgent.id != entry_id:
            got = f"{urgent.level} {urgent.id}" if urgent else "(none)"
            misses.append(f"  warning want {level} {entry_id:<32} got {got:<40} | {question}")
    false_urgent = 0
    for question in questions.near_misses:
        urgent = next(iter(help_service.ask(question).warnings), None)
        if urgent is not None:
            false_urgent += 1
            misses.append(f"  near miss pinned {urgent.level} {urgent.id} | {question}")
    every_question = (
        [question for _, question in questions.answers]
        + [question for _, _, question in questions.red_flags]
        + questions.near_misses
    )
    latencies_ms, cpu_ms = [], []
    for _ in range(rounds):
        for question in every_question:
            started, started_cpu = time.perf_counter(), time.process_time()
            help_service.ask(question)
            latencies_ms.append((time.perf_counter() - started) * 1000)
            cpu_ms.append((time.process_time() - started_cpu) * 1000)
    p95 = statistics.quantiles(latencies_ms, n=20)[-1] if len(latencies_ms) >= 2 else float("nan")
    cpu_p95 = statistics.quantiles(cpu_ms, n=20)[-1] if len(cpu_ms) >= 2 else float("nan")
    total = len(questions.answers)
    print(f"[{questions.name}]")
    print(f"  top-1 accuracy      {percent(top1, total)}   goal >= 85%")
    print(f"  top-3 accuracy      {percent(top3, total)}   goal >= 95%")
    print(f"  red-flag recall     {percent(recalled, len(questions.red_flags))}   goal 100%")
    print(f"  false urgent rate   {percent(false_urgent, len(questions.near_misses))}   goal <= 5%")
    print(
        f"  latency p95         {p95:.2f} ms (median {statistics.median(latencies_ms):.2f} ms, "
        f"{len(latencies_ms)} calls)   goal well under 50 ms"
    )
    print(
        f"  CPU time p95        {cpu_p95:.2f} ms (median {statistics.median(cpu_ms):.2f} ms): the latency of an idle "
        "machine, whatever else runs"
    )
    if show_misses and misses:
        print("\n".join(misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--set", type=Path, action="append", help="a folder laid out like one part")
    arguments = parser.parse_args()
    for folder in arguments.set or []:
        if load_set(folder).is_empty():  # a mistyped folder would otherwise fail deep in the figures
            parser.error(f"--set {folder}: no questions there (answers.tsv, red_flags.tsv or near_misses.txt)")
    started = time.perf_counter()
    help_service.ask("warm-up: load the entries and build the index")
    print(f"load + index build + first question: {(time.perf_counter() - started) * 1000:.1f} ms (once per process)")
    ranking = "BM25 + sentence meaning (all-MiniLM-L6-v2)" if help_service.compares_meaning() else "BM25 alone"
    print(f"ranking: {ranking}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    parts = (
        "tuning",
        "untouched",
        "untouched_2",
        "readers",
        "readers_2",
        "readers_3",
        "readers_4",
        "readers_5",
        "readers_6",
        "readers_7",
        "readers_8",
        "readers_9",
        "readers_10",
        "readers_11",
        "readers_12",
        "readers_13",
        "readers_14",
        "readers_15",
        "readers_16",
        "readers_17",
        "readers_18",
        "readers_19",
    )
    for folder in arguments.set or [QUESTIONS / part for part in parts]:
        measure(load_set(folder), arguments.rounds, arguments.show_misses)


if __name__ == "__main__":
    main()
