import DocFill
import Foundation
import OfficialReport

// The cases: what each measures, where its files are, and the built-in ones.

/// One case. Paths are absolute once loaded.
struct CaseSpec: Codable {
    enum Kind: String, Codable { case render, compile, batch, cli }
    enum Floor: String, Codable { case output, template, none }
    var name: String
    var template: String
    /// A data file, or `table-rows:N` for the built-in generated table data.
    var data: String
    var runs: Int
    var floor: Floor?
    var kind: Kind?
    /// `official-report`: the data is decoded and checked by the OfficialReport model first.
    var model: String?
    /// Rows of a synthetic table case (for the growth ratio).
    var rows: Int?
    /// The seed report among the file's cases (used for the batch and CLI cases when
    /// Templates/bao-cao-dang-uy.docx is missing).
    var seed: Bool?
    var docxtpl_template: String?
    var docxtpl_runs: Int?
}

struct CaseResult: Codable {
    var name: String
    var medianMs: Double
    var docsPerSecond: Double
    var floorMs: Double?
    var floorKind: String?
    var peakRSSMiB: Double
    var runs: Int
    var rows: Int?
    var note: String?
    var failed: String?
    /// Peak RSS with the template compiled and the data loaded, before the first render.
    var loadedRSSMiB: Double?
}

/// A docxtpl result line (bench/docxtpl_bench.py).
struct PeerResult: Codable {
    var name: String
    var median_ms: Double?
    var runs: Int?
    var peak_rss_mib: Double?
    var skipped: String?
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = root.appendingPathComponent("Tests/DocFillTests/Fixtures")
let seedTemplate = root.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path
let seedData = root.appendingPathComponent("Samples/pho-hoa-2023.yaml").path
let batchSize = 1_000

func tableData(rows: Int) -> Value {
    .object([
        "items": .array((0..<rows).map { i in
            .object(["name": .string("Item \(i) — mặt hàng"), "qty": .int(i % 97), "price": .string("\(i % 10).50")])
        }),
        "total_qty": .int(rows),
    ])
}

func loadData(_ spec: CaseSpec) throws -> Value {
    if spec.data.hasPrefix("table-rows:"), let n = Int(spec.data.dropFirst("table-rows:".count)) {
        return tableData(rows: n)
    }
    let value = try DataLoader.load(contentsOf: spec.data)
    switch spec.model {
    case nil: return value
    case "official-report": return try Report.from(value, file: spec.data).templateValue()
    case let other?: throw DocFillError("bench", "unknown model '\(other)'", at: SourceLocation(file: spec.data))
    }
}

// MARK: - cases

/// The built-in cases: the real seed report (if present), two fixtures, and — without a
/// case file — the fixture row loop at 1,000 / 10,000 / 100,000 rows.
func builtInCases(withFile: Bool) -> [CaseSpec] {
    func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    var cases: [CaseSpec] = []
    if FileManager.default.fileExists(atPath: seedTemplate) && FileManager.default.fileExists(atPath: seedData) {
        cases.append(CaseSpec(name: realSeedName, template: seedTemplate, data: seedData, runs: 200,
                              floor: .template, model: "official-report"))
    }
    cases += [
        CaseSpec(name: "fixture variables", template: fixture("variables.docx"), data: fixture("variables.json"), runs: 200, floor: .output),
        CaseSpec(name: "fixture paragraph-loop", template: fixture("paragraph-loop.docx"), data: fixture("paragraph-loop.json"), runs: 200, floor: .output),
    ]
    if !withFile {
        // Without generated cases (no python-docx): the fixture row loop (3 columns).
        for (n, runs) in [(1_000, 30), (10_000, 10), (100_000, 3)] {
            cases.append(CaseSpec(name: "fixture table \(n.formatted()) rows × 3", template: fixture("row-loop.docx"),
                                  data: "table-rows:\(n)", runs: runs, floor: .output, rows: n))
        }
    }
    return cases
}

let realSeedName = "seed report (Templates)"

/// The batch of `batchSize` seed reports on all cores and one whole `docfill render` process.
func seedDerivedCases(_ seed: CaseSpec) -> [CaseSpec] {
    var batch = seed
    batch.name = "seed batch ×\(batchSize.formatted()), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    batch.kind = .batch; batch.runs = 3; batch.floor = Floor.none; batch.seed = nil
    var cli = seed
    cli.name = "seed, whole docfill process"
    cli.kind = .cli; cli.runs = 20; cli.floor = Floor.none; cli.seed = nil
    return [batch, cli]
}
typealias Floor = CaseSpec.Floor

func loadCaseFile(_ path: String) throws -> [CaseSpec] {
    let url = URL(fileURLWithPath: path)
    let base = url.deletingLastPathComponent()
    var cases = try JSONDecoder().decode([CaseSpec].self, from: Data(contentsOf: url))
    for i in cases.indices {
        cases[i].template = base.appendingPathComponent(cases[i].template).standardized.path
        if !cases[i].data.hasPrefix("table-rows:") {
            cases[i].data = base.appendingPathComponent(cases[i].data).standardized.path
        }
        if cases[i].floor == nil { cases[i].floor = .output }
    }
    return cases
}
