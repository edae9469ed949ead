"""Load on `docfill serve` (scripts/bench-serve.sh): the standard library only.

Arguments: the server's URL (loopback), its pid (for its peak RSS), its workspace folder.
Prints one line per measure; exits non-zero if any request failed.
"""
import concurrent.futures
import os
import sys
import time
import urllib.request

URL, PID, WORKSPACE = sys.argv[1].rstrip("/"), int(sys.argv[2]), sys.argv[3]
if not URL.startswith("http://127.0.0.1:"):
    sys.exit("serve_load: loopback only")
SEED = os.path.join(WORKSPACE, "Samples", "pho-hoa-2023.yaml")
CONCURRENCY, RENDERS = 50, 250
PREVIEWS = ["pho-hoa-2023.yaml", "pho-hoa-2024.yaml", "ubnd-pho-hoa-2025.yaml", "party-from-code.yaml", "invoice.yaml"]


def render(body):
    request = urllib.request.Request(URL + "/api/render?template=bao-cao-dang-uy.docx", data=body, method="POST",
                                     headers={"Content-Type": "application/yaml"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        document = response.read()
        ok = response.status == 200 and document[:2] == b"PK"
    return ok, time.perf_counter() - started


def preview(name, query=""):
    started = time.perf_counter()
    with urllib.request.urlopen(URL + "/data/%s/preview%s" % (name, query), timeout=240) as response:
        page = response.read().decode("utf-8")
        ok = response.status == 200 and 'id="page-count"' in page
    return ok, time.perf_counter() - started


def peak_rss_mib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    body = open(SEED, "rb").read()
    failures = 0
    for _ in range(3):  # warm-up: the template compiled, the pool's threads started
        failures += not render(body)[0]
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
        results = list(pool.map(lambda _: render(body), range(RENDERS)))
    elapsed = time.perf_counter() - started
    failures += sum(not ok for ok, _ in results)
    latencies = [t * 1000 for _, t in results]
    print("api renders: %d at concurrency %d in %.1f s: %.1f renders/s, p50 %.0f ms, p99 %.0f ms, failed %d"
          % (RENDERS, CONCURRENCY, elapsed, RENDERS / elapsed, percentile(latencies, 50), percentile(latencies, 99),
             sum(not ok for ok, _ in results)))
    ok, cold = preview(PREVIEWS[0])
    failures += not ok
    print("preview cold (first, LibreOffice not yet running): %.2f s" % cold)
    ok, cached = preview(PREVIEWS[0])
    failures += not ok
    print("preview of the same document again (cached pages): %.3f s" % cached)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        results = list(pool.map(preview, PREVIEWS))
    failures += sum(not ok for ok, _ in results)
    print("5 concurrent previews of 5 documents: all done in %.2f s, each %s s, failed %d"
          % (time.perf_counter() - started, ", ".join("%.2f" % t for _, t in results), sum(not ok for ok, _ in results)))
    ok, warm = preview(PREVIEWS[0], "?template=bao-cao-dang-uy.odt")
    failures += not ok
    print("preview warm (a new document, after the others): %.2f s" % warm)
    print("server peak RSS: %.0f MiB" % peak_rss_mib(PID))
    if failures:
        sys.exit("serve_load: %d requests failed" % failures)


if __name__ == "__main__":
    main()
