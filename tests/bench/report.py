#!/usr/bin/python3
"""Turns the raw measurements of scripts/bench into the table and bench.json, and checks targets.

  report.py RAW_DIR OUT_JSON [--quick]

RAW_DIR holds cases.jsonl (one {"case", "label", "connections", "wrk": {...}} per run),
uss.jsonl, exec.jsonl and meta.json. Exit status: 1 when --quick and a case had errors or a ratio
fell below half its target; 0 otherwise (the full run reports targets, it does not fail on them).
"""
import json
import os
import sys

# Ceilings, measured in the same run.
STATIC, FCGI, FCGI_PG = "ceiling_static", "ceiling_fcgi", "ceiling_fcgi_pg"

# Ratio targets of issue 7: (case, reference case, minimum ratio). A reference that is not a
# ceiling compares two routes (the stats line may cost at most 30 %).
RATIO_TARGETS = [
    ("get_anonymous", STATIC, 0.50),
    ("get_session", FCGI_PG, 0.90),
    ("get_session_stats", "get_session", 0.70),
    ("mentions_legales", STATIC, 0.90),
    ("dsfr_css", STATIC, 0.90),
]
# Absolute targets (full run only: CI machines differ, --quick checks no timings).
RATE_TARGETS = {"valider_email": 500.0, "creer_conf": 300.0}
P99_TARGETS_MS = {("get_session", 16): 5.0, ("get_session", 64): 25.0}
USS_MAX_KB = 10 * 1024
EXEC_MAX_MS = 20.0


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    raw_dir, out_json = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv[3:]
    with open(os.path.join(raw_dir, "meta.json")) as f:
        meta = json.load(f)
    runs = load_jsonl(os.path.join(raw_dir, "cases.jsonl"))
    uss = load_jsonl(os.path.join(raw_dir, "uss.jsonl"))
    execs = load_jsonl(os.path.join(raw_dir, "exec.jsonl"))

    by_key = {}
    for run in runs:
        w = run["wrk"]
        seconds = w["duration_us"] / 1e6 or 1
        run["rps"] = w["requests"] / seconds
        run["errors"] = (w["connect_errors"] + w["read_errors"] + w["write_errors"]
                         + w["status_errors"] + w["timeouts"])
        run["p50_ms"] = w["p50_us"] / 1000
        run["p99_ms"] = w["p99_us"] / 1000
        key = (run["case"], run["connections"])
        # A ceiling measured twice (start and end of the run, the machine's load drifts) counts
        # with its best rate: ratios stay conservative.
        if key not in by_key or run["rps"] > by_key[key]["rps"]:
            by_key[key] = run
    for run in runs:
        c = run["connections"]
        for name, ceiling in (("vs_static", STATIC), ("vs_fcgi", FCGI), ("vs_fcgi_pg", FCGI_PG)):
            ref = by_key.get((ceiling, c))
            run[name] = run["rps"] / ref["rps"] if ref and ref["rps"] else None

    failures, verdicts = [], []

    def verdict(text, ok, hard):
        verdicts.append({"target": text, "met": ok})
        if not ok and hard:
            failures.append(text)

    for run in runs:
        bad = run["errors"] + run["wrk"]["unexpected"]
        if bad:
            verdict(f'{run["case"]} @{run["connections"]}: no error (got {run["errors"]} errors, '
                    f'{run["wrk"]["unexpected"]} unexpected answers)', False, True)
    for case, ref_case, minimum in RATIO_TARGETS:
        for (name, c), run in sorted(by_key.items()):
            ref = by_key.get((ref_case, c))
            if name != case or not ref or not ref["rps"]:
                continue
            ratio = run["rps"] / ref["rps"]
            run.setdefault("targets", []).append({"vs": ref_case, "ratio": ratio, "min": minimum})
            text = f"{case} @{c}: {ratio:.2f} of {ref_case} (target >= {minimum:.2f})"
            if quick:
                verdict(text + " [quick: >= %.2f]" % (minimum / 2), ratio >= minimum / 2, True)
            else:
                verdict(text, ratio >= minimum, False)
    if not quick:
        for (name, c), run in sorted(by_key.items()):
            if name in RATE_TARGETS:
                verdict(f'{name} @{c}: {run["rps"]:.0f}/s (target >= {RATE_TARGETS[name]:.0f}/s)',
                        run["rps"] >= RATE_TARGETS[name], False)
            if (name, c) in P99_TARGETS_MS:
                limit = P99_TARGETS_MS[(name, c)]
                verdict(f'{name} @{c}: p99 {run["p99_ms"]:.2f} ms (target <= {limit} ms)',
                        run["p99_ms"] <= limit, False)
        for row in uss:
            worst = max([*row["before_kb"], *row["after_kb"]] or [0])
            verdict(f'{row["handler"]}: worker USS max {worst / 1024:.1f} MB (target <= 10 MB)',
                    worst <= USS_MAX_KB, False)
        for row in execs:
            verdict(f'{row["handler"]}: exec to first answer {row["ms"]:.1f} ms (target <= 20 ms)',
                    row["ok"] and row["ms"] <= EXEC_MAX_MS, False)

    def fmt(value, pattern):
        return pattern % value if value is not None else "-"

    lines = []
    lines.append(f'audioconf bench  {meta["date"]}  commit {meta["commit"]}  {meta["cpus"]} CPUs  '
                 f'{meta["workers"]} workers/handler (book {2 * meta["workers"]})  wrk -t{meta["threads"]} '
                 f'{meta["duration"]}s after {meta["warmup"]}s warm-up'
                 + ("  (--quick)" if quick else ""))
    header = (f'{"case":<34}{"conns":>6}{"req/s":>10}{"p50 ms":>9}{"p99 ms":>9}{"errors":>8}'
              f'{"/static":>9}{"/fcgi":>8}{"/fcgi+pg":>9}')
    lines += ["", header, "-" * len(header)]
    for run in runs:
        extra = ""
        if run["wrk"]["unexpected"]:
            extra += f'  unexpected {run["wrk"]["unexpected"]}'
        if run["wrk"]["wrapped"]:
            extra += "  prepared data ran out (shorter run)"
        if run.get("note"):
            extra += "  " + run["note"]
        lines.append(f'{run["label"]:<34}{run["connections"]:>6}{run["rps"]:>10.0f}'
                     f'{run["p50_ms"]:>9.2f}{run["p99_ms"]:>9.2f}{run["errors"]:>8}'
                     f'{fmt(run["vs_static"], "%.2f"):>9}{fmt(run["vs_fcgi"], "%.2f"):>8}'
                     f'{fmt(run["vs_fcgi_pg"], "%.2f"):>9}{extra}')
    if uss:
        lines += ["", "worker private memory (USS = Private_Clean + Private_Dirty, MB), before -> after"]
        for row in uss:
            before = " ".join("%.1f" % (kb / 1024) for kb in row["before_kb"])
            after = " ".join("%.1f" % (kb / 1024) for kb in row["after_kb"])
            lines.append(f'  {row["handler"]:<22} {before}  ->  {after}')
    if execs:
        lines += ["", "exec of a handler to its first answer (fresh socket, one FastCGI GET; median of the runs)"]
        for row in execs:
            lines.append(f'  {row["handler"]:<22} {row["ms"]:.1f} ms'
                         + ("" if row["ok"] else "  (no valid answer)"))
    lines += ["", "targets:"]
    for v in verdicts:
        lines.append(f'  [{"ok" if v["met"] else "NOT MET"}] {v["target"]}')
    text = "\n".join(lines)
    print(text)

    os.makedirs(os.path.dirname(out_json), exist_ok=True)
    with open(out_json, "w") as f:
        json.dump({"meta": meta, "quick": quick, "cases": runs, "uss": uss, "exec": execs,
                   "targets": verdicts, "failures": failures}, f, indent=1)
    with open(os.path.splitext(out_json)[0] + ".txt", "w") as f:
        f.write(text + "\n")
    if quick and failures:
        print("\nbench --quick FAILED: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
