import Foundation

// The table: results (this run's or saved ones) with docxtpl's beside them.

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func f(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }
func ms(_ v: Double) -> String { v >= 100 ? f(v, 0) : v >= 10 ? f(v, 1) : f(v, 2) }

func printTable(_ results: [CaseResult], peers: [PeerResult]?) {
    let peer = Dictionary((peers ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    print("DocFill benchmark — release build, \(ProcessInfo.processInfo.activeProcessorCount) cores; median ms per render of a compiled template, each case in its own process")
    print("floor  = libzip+libxml2 alone: open the archive, parse and serialise every text part, write the archive (other entries copied raw),")
    print("         of the rendered output (tables, fixtures) or of the template itself (seed reports, marked *); ×floor = DocFill / floor")
    if peers != nil {
        print("docxtpl = DocxTemplate(path) + render(context, autoescape=True) + save(file) per render, same content, Jinja tags; speed-up = docxtpl / DocFill")
    }
    print("")
    let w = max(24, results.map(\.name.count).max() ?? 0) + 2
    var header = pad("case", w) + lpad("DocFill ms", 11) + lpad("docs/s", 9) + lpad("RSS MiB", 9) + lpad("floor ms", 10) + lpad("×floor", 8)
    if peers != nil { header += lpad("docxtpl ms", 12) + lpad("RSS MiB", 9) + lpad("speed-up", 10) }
    print(header)
    print(String(repeating: "-", count: header.count))
    for r in results {
        if let failed = r.failed {
            var why = failed.replacingOccurrences(of: "docfill-bench: \(r.name): ", with: "")
                .replacingOccurrences(of: root.path + "/", with: "")
            if why.count > 110 { why = String(why.prefix(110)) + "…" }
            print(pad(r.name, w) + "  failed: \(why)")
            continue
        }
        var line = pad(r.name, w) + lpad(ms(r.medianMs), 11) + lpad(f(r.docsPerSecond, 0), 9) + lpad(f(r.peakRSSMiB, 1), 9)
        if let floor = r.floorMs {
            line += lpad(ms(floor) + (r.floorKind == "template" ? "*" : " "), 10) + lpad(f(r.medianMs / floor, 2) + "×", 8)
        } else {
            line += lpad("—", 9) + " " + lpad("—", 8)
        }
        if peers != nil {
            if let p = peer[r.name], let pm = p.median_ms {
                line += lpad(ms(pm), 12) + lpad(p.peak_rss_mib.map { f($0, 1) } ?? "—", 9) + lpad(f(pm / r.medianMs, 1) + "×", 10)
            } else if let p = peer[r.name], let why = p.skipped {
                line += "  docxtpl skipped: \(why)"
            } else {
                line += lpad("—", 12) + lpad("—", 9) + lpad("—", 10)
            }
        }
        print(line)
    }
    print("")
    for r in results where r.note != nil && r.failed == nil { print("\(r.name): \(r.note!)") }
    let loaded = results.filter { $0.rows != nil && $0.failed == nil }.compactMap { r in r.loadedRSSMiB.map { "\(r.name) \(f($0, 1))" } }
    if !loaded.isEmpty {
        print("RSS MiB before the first render (template compiled, data loaded): " + loaded.joined(separator: ", "))
    }
    // Time growth 10k → 100k rows (linear = 10×).
    let tables = Dictionary(results.compactMap { r in r.rows.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
    if let a = tables[10_000], let b = tables[100_000], a.failed == nil, b.failed == nil {
        var line = "time growth 10,000 → 100,000 rows: DocFill \(f(b.medianMs / a.medianMs, 2))× (linear = 10×)"
        if let pa = peer[a.name]?.median_ms, let pb = peer[b.name]?.median_ms {
            line += ", docxtpl \(f(pb / pa, 2))×"
        }
        print(line)
    }
    if results.contains(where: { $0.name == "seed report (Templates)" }) {
        print("seed report (Templates) = Templates/bao-cao-dang-uy.docx with Samples/pho-hoa-2023.yaml --model official-report (batch and CLI cases too)")
    }
    if results.contains(where: { $0.name == "seed report (generated)" }) {
        print("seed report (generated) = bench/work/seed.docfill.docx with bench/work/seed.json (same content as the docxtpl template)")
    }
}

func loadPeers(_ path: String) -> [PeerResult] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(PeerResult.self, from: Data($0.utf8)) }
}
