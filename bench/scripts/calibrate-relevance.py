#!/usr/bin/env python3
"""Calibrates the relevance gate (Rag:Answer:Relevance) from one `rag eval qa --json` run.

    python3 bench/scripts/calibrate-relevance.py RESULT.json [--squad-lines 240] [--ooc-half 20]

The run must ask ../shared/data/squad2-dev/questions.jsonl followed by bench/data/answer-quality/out-of-corpus.jsonl
(one file, `cat` of both). Every question records the gate's signals whether the gate answered or not, so any run
will do; a run with the gate opened (Rag__Answer__Relevance__MinScore=-5, Rag__Answer__Relevance__MinSimilarity=-1)
also keeps every answer for inspection. Calibrate with the fusion settings the model will be used with. Halves: SQuAD questions on
odd lines and the first 20 out-of-corpus questions choose (A); the rest confirm (B). A setting qualifies when it
declines at most 7% of half A's answerable questions; among those, the most out-of-corpus questions declined wins,
then the fewest answerable ones declined, then the most SQuAD-unanswerable ones declined, then a setting that
uses the keyword signal and the similarity floor. Prints the best settings with both halves' rates.
"""
import json
import sys

def main():
    path = sys.argv[1]
    squad = int(sys.argv[sys.argv.index("--squad-lines") + 1]) if "--squad-lines" in sys.argv else 240
    ooc_half = int(sys.argv[sys.argv.index("--ooc-half") + 1]) if "--ooc-half" in sys.argv else 20
    rows = []
    for case in json.load(open(path))["cases"]:
        relevance, line = case["relevance"], case["line"]
        if line <= squad:
            kind, half = ("unanswerable" if case["expectNoAnswer"] else "answerable"), ("A" if line % 2 == 1 else "B")
        else:
            kind, half = "out-of-corpus", ("A" if line - squad <= ooc_half else "B")
        rows.append((kind, half, relevance.get("bestSimilarity") or 0.0, relevance["termCoverage"], relevance["keywordEvidence"]))

    def declined(half, wc, wk, t, floor):
        out = {}
        for kind in ("answerable", "unanswerable", "out-of-corpus"):
            sub = [r for r in rows if r[0] == kind and r[1] == half]
            out[kind] = sum(1 for r in sub if not (r[2] + wc * r[3] + wk * r[4] >= t and r[2] >= floor)) / max(1, len(sub))
        return out

    grid = []
    for wc in (0, 0.25, 0.5, 0.75, 1.0, 1.5):
        for wk in (0, 0.05, 0.1, 0.2):
            for floor in (0, 0.2, 0.3):
                for t in (x / 100 for x in range(20, 250, 2)):
                    a = declined("A", wc, wk, t, floor)
                    if a["answerable"] <= 0.07:
                        grid.append(((a["out-of-corpus"], -a["answerable"], a["unanswerable"], wk > 0, floor > 0), (wc, wk, floor, t), a))
    grid.sort(key=lambda g: g[0], reverse=True)
    print("CoverageWeight KeywordWeight MinSimilarity MinScore | A: answerable-declined unanswerable-declined ooc-declined | B: same")
    for _, (wc, wk, floor, t), a in grid[:10]:
        b = declined("B", wc, wk, t, floor)
        print(f"{wc:.2f} {wk:.2f} {floor:.2f} {t:.2f} | A: {a['answerable']:.3f} {a['unanswerable']:.3f} {a['out-of-corpus']:.3f}"
              f" | B: {b['answerable']:.3f} {b['unanswerable']:.3f} {b['out-of-corpus']:.3f}")

if __name__ == "__main__":
    main()
