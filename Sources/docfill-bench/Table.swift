import Foundation

// The table: results (this run's or saved ones) with docxtpl's beside them.

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func f(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
func ms(_ v: Double) -> String { v >= 100 ? f(v, 0) : v >= 10 ? f(v, 1) : f(v, 2) }

func printTable(_ results: [CaseResult], load: (before: String, after: String)?) {
    print("DocFill benchmark — release build, \(ProcessInfo.processInfo.activeProcessorCount) cores. Each case runs in rounds, one DocFill process then one docxtpl")
    print("process per round (A B A B …); ms = median of the round medians; ratio = median of the per-round ratios docxtpl / DocFill.")
    print("compile + render = the template file read, compiled and rendered every run (docxtpl: DocxTemplate(path) + render(context,")
    print("  autoescape=True) + save(file)); compiled once = render of an already compiled template (no peer: docxtpl cannot);")
    print("  whole process = `docfill render` / `python docxtpl_bench.py --once`, start to exit; batch = \(batchSize.formatted()) renders of one data set")
    print("  in one process (compiled once, data decoded once); batch process = `docfill batch` on a JSON Lines file, start to exit, per record.")
    print("floor = libzip+libxml2 alone round-tripping (open, parse and serialise every text part, write) the file the timed run reads:")
    print("  the template (t) for compile + render, the rendered output (o) for compiled-once fixture and table cases.")
    print("check = the last timed output's text against docxtpl's last timed output, or against bench/expected-text.json.")
    if let load { print("load average (1, 5, 15 min): \(load.before) before, \(load.after) after") }
    print("")
    let w = max(24, results.map(\.name.count).max() ?? 0) + 2
    let header = pad("case", w) + pad("kind", 18) + lpad("DocFill ms", 11) + lpad("docs/s", 8) + lpad("RSS MiB", 8)
        + lpad("floor ms", 10) + lpad("×floor", 8) + lpad("docxtpl ms", 11) + lpad("RSS MiB", 8) + lpad("ratio", 8) + "  check"
    print(header)
    print(String(repeating: "-", count: header.count + 20))
    for r in results {
        if let failed = r.failed {
            var why = failed.replacingOccurrences(of: "docfill-bench: \(r.name): ", with: "")
                .replacingOccurrences(of: root.path + "/", with: "")
            if why.count > 110 { why = String(why.prefix(110)) + "…" }
            print(pad(r.name, w) + "  failed: \(why)")
            continue
        }
        let kind = ["render": "compiled once", "compile": "compile + render", "cli": "whole process", "batch": "batch", "batchCLI": "batch process"]
        var line = pad(r.name, w) + pad(kind[r.kindName ?? "render"] ?? "", 18)
            + lpad(ms(r.medianMs), 11) + lpad(f(r.docsPerSecond, 0), 8) + lpad(f(r.peakRSSMiB, 1), 8)
        if let floor = r.floorMs {
            line += lpad(ms(floor) + (r.floorKind == "template" ? "t" : "o"), 10) + lpad(f(r.medianMs / floor, 2) + "×", 8)
        } else {
            line += lpad("—", 10) + lpad("—", 8)
        }
        if let pm = r.peerMs, let ratio = r.ratio {
            line += lpad(ms(pm), 11) + lpad(r.peerRSSMiB.map { f($0, 1) } ?? "—", 8) + lpad(f(ratio, 1) + "×", 8)
        } else {
            line += lpad("—", 11) + lpad("—", 8) + lpad("—", 8)
        }
        print(line + "  " + (r.check ?? "not checked"))
    }
    print("")
    for r in results where r.note != nil && r.failed == nil { print("\(r.name): \(r.note!)") }
    let loaded = results.filter { $0.rows != nil && $0.failed == nil }.compactMap { r in r.loadedRSSMiB.map { "\(r.name) \(f($0, 1))" } }
    if !loaded.isEmpty {
        print("RSS MiB before the first render (template compiled, data loaded): " + loaded.joined(separator: ", "))
    }
    if results.contains(where: { $0.name == realSeedName }) {
        print("seed report (Templates) = Templates/bao-cao-dang-uy.docx with Samples/pho-hoa-2023.yaml --model official-report; "
              + "docxtpl: its twin by bench/docxtpl_from_docfill.py (bench/work/seed-real.docxtpl.docx) with the model's view "
              + "as JSON (seed-real.docxtpl.json)")
    }
    if results.contains(where: { $0.name == "seed report (generated)" }) {
        print("seed report (generated) = bench/work/seed.docfill.docx with bench/work/seed.json (same content as the docxtpl template)")
    }
}
