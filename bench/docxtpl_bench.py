#!/usr/bin/env python3
"""docxtpl side of the benchmark: the cases of bench/work/cases.json with a docxtpl_template.

One render as docxtpl requires it: DocxTemplate(path) (the template is loaded again for every
render: docxtpl renders into the loaded document), render(context, autoescape=True) (DocFill
always escapes values), save(file). The data is loaded once per case, outside the timing.
Each case runs in its own subprocess so that its peak RSS (ru_maxrss) is its own.
Prints one JSON line per case: {"name", "median_ms", "runs", "peak_rss_mib"} or
{"name", "skipped": reason}.

  docxtpl_bench.py [bench/work/cases.json]      every case, JSON lines
  docxtpl_bench.py --case NAME CASES_JSON [--runs K] [--keep FILE] [--whole]
                                                 one case in this process: K timed renders (or,
                                                 with --runs, at least 2 s), the last output
                                                 copied to FILE; --whole times K whole
                                                 `python docxtpl_bench.py --once` processes
                                                 instead (start to exit). docfill-bench calls
                                                 this once per round, interleaved with DocFill.
  docxtpl_bench.py --once TEMPLATE DATA OUT      one render in a fresh process (for --whole)
  docxtpl_bench.py --check DOCFILL CASES_JSON    render the seed and the smallest table with
                                                 both engines and compare the documents' text
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SECONDS = 2.0


def load_cases(path):
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    base = os.path.dirname(os.path.abspath(path))
    for case in cases:
        for key in ("template", "data", "docxtpl_template"):
            if key in case:
                case[key] = os.path.join(base, case[key])
    return [c for c in cases if "docxtpl_template" in c], base


def render_once(template_path, context, output):
    from docxtpl import DocxTemplate
    template = DocxTemplate(template_path)
    template.render(context, autoescape=True)
    template.save(output)


def run_one(case, base, runs=None, keep=None, whole=False):
    from docxtpl import DocxTemplate  # imported here: a missing docxtpl is reported per case

    with open(case["data"], encoding="utf-8") as f:
        context = json.load(f)
    out_dir = os.path.join(base, "out")
    os.makedirs(out_dir, exist_ok=True)
    output = os.path.join(out_dir, "%d-%s" % (os.getpid(), os.path.basename(case["docxtpl_template"])))
    min_runs = runs or max(1, int(case.get("docxtpl_runs", 5)))
    # Large cases (min_runs < 5) take as many seconds per render; do not stretch them to 2 s.
    # With --runs (a round of an interleaved run) exactly that many.
    min_seconds = 0 if runs or min_runs < 5 else MIN_SECONDS
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < min_seconds and len(times) < 10_000):
        if os.path.exists(output):
            os.unlink(output)
        t0 = time.perf_counter()
        if whole:
            subprocess.run([sys.executable, os.path.abspath(__file__), "--once", case["docxtpl_template"],
                            case["data"], output], check=True)
        else:
            template = DocxTemplate(case["docxtpl_template"])
            template.render(context, autoescape=True)
            template.save(output)
        times.append((time.perf_counter() - t0) * 1000)
        if not whole:
            del template
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if whole else own_peak_mib()
    if keep:
        os.replace(output, keep)
    else:
        os.unlink(output)
    return {"name": case["name"], "median_ms": statistics.median(times), "runs": len(times),
            "peak_rss_mib": peak}


def proc_kib(path, key):
    """The KiB value of `key:` in a /proc file (/proc/self/status, /proc/meminfo), or None."""
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def own_peak_mib():
    """This process's peak RSS (VmHWM): ru_maxrss carries a parent's peak across exec."""
    kib = proc_kib("/proc/self/status", "VmHWM")
    return (kib if kib is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def available_mib():
    kib = proc_kib("/proc/meminfo", "MemAvailable")
    return kib / 1024 if kib is not None else None


def document_text(path):
    """Every paragraph's text in body order, and a marker per table row."""
    import docx
    lines = []
    for element in docx.Document(path).element.body.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))
        elif tag == "tr":
            lines.append("<row>")
    return lines


def check(docfill, cases_path):
    """The two engines' outputs hold the same paragraphs and rows with the same text."""
    cases, base = load_cases(cases_path)
    seed = [c for c in cases if c.get("seed")]
    tables = sorted((c for c in cases if c.get("rows")), key=lambda c: c["rows"])
    out_dir = os.path.join(base, "out")
    os.makedirs(out_dir, exist_ok=True)
    failures = 0
    for case in seed + tables[:1]:
        mine = os.path.join(out_dir, "check.docfill.docx")
        subprocess.run([docfill, "render", case["template"], case["data"], "-o", mine], check=True)
        from docxtpl import DocxTemplate
        with open(case["data"], encoding="utf-8") as f:
            context = json.load(f)
        theirs = os.path.join(out_dir, "check.docxtpl.docx")
        template = DocxTemplate(case["docxtpl_template"])
        template.render(context, autoescape=True)
        template.save(theirs)
        a, b = document_text(mine), document_text(theirs)
        same = a == b
        failures += not same
        print("content check, %s: %s (%d paragraphs and rows)" % (
            case["name"], "same text in both outputs" if same else "OUTPUTS DIFFER", len(a)))
    return 1 if failures else 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "--check":
        return check(argv[1], argv[2])
    if len(argv) == 4 and argv[0] == "--once":
        with open(argv[2], encoding="utf-8") as f:
            render_once(argv[1], json.load(f), argv[3])
        return 0
    if len(argv) >= 3 and argv[0] == "--case":
        cases, base = load_cases(argv[2])
        case = next(c for c in cases if c["name"] == argv[1])
        rest = argv[3:]
        runs = int(rest[rest.index("--runs") + 1]) if "--runs" in rest else None
        keep = rest[rest.index("--keep") + 1] if "--keep" in rest else None
        print(json.dumps(run_one(case, base, runs, keep, "--whole" in rest), ensure_ascii=False))
        return 0
    cases_path = argv[0] if argv else os.path.join(HERE, "work", "cases.json")
    cases, _ = load_cases(cases_path)
    measured = {}
    for case in cases:
        # A bigger table of the same shape: skip it when its memory, extrapolated linearly
        # from the largest smaller table measured, would not fit in what is available now.
        rows = case.get("rows")
        smaller = [(r, m) for r, m in measured.items() if rows and r < rows]
        free = available_mib()
        if smaller and free:
            r, m = max(smaller)
            need = m * rows / r
            if need > 0.8 * free:
                print(json.dumps({"name": case["name"], "skipped": "would need ~%.0f MiB, %.0f MiB available" % (need, free)},
                                 ensure_ascii=False), flush=True)
                continue
        child = subprocess.run([sys.executable, os.path.abspath(__file__), "--case", case["name"], cases_path],
                               capture_output=True, text=True)
        if child.returncode != 0:
            reason = (child.stderr.strip().splitlines() or ["exit %d" % child.returncode])[-1]
            print(json.dumps({"name": case["name"], "skipped": reason}, ensure_ascii=False), flush=True)
            continue
        result = json.loads(child.stdout.strip().splitlines()[-1])
        if rows:
            measured[rows] = result["peak_rss_mib"]
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
