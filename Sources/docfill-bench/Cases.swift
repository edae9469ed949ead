import DocFill
import Foundation
import OfficialReport

// The cases: what each measures, where its files are, and the built-in ones.

/// One case. Paths are absolute once loaded.
struct CaseSpec: Codable {
    enum Kind: String, Codable { case render, compile, batch, cli, batchCLI }
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
    /// The peer runs as whole processes (`docxtpl_bench.py --once`, start to exit), as the
    /// DocFill side of a `cli` case does.
    var peer_whole: Bool?
    /// The peer's case of this name in the cases file (a derived case runs its seed's).
    var peer_case: String?
    /// `batchCLI`: the records in `data` (a JSON Lines file), and `--jobs`.
    var records: Int?
    var jobs: Int?
    /// Rounds of the interleaved run (DocFill, peer, DocFill, peer, …); `runs` split over them.
    var rounds: Int?
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
    /// The last timed run's output (a child reports it; the parent checks it).
    var output: String?
    /// The interleaved run: the peer's median of its round medians, its peak RSS, the median of
    /// the per-round ratios peer / DocFill, the number of rounds.
    var peerMs: Double?
    var peerRSSMiB: Double?
    var ratio: Double?
    var rounds: Int?
    /// What the check of the timed outputs found ("same text as docxtpl (412 lines)", …).
    var check: String?
    var checkFailed: Bool?
    /// The case's kind (`CaseSpec.Kind`'s raw value), for the table.
    var kindName: String?
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

/// Every case in the order they run. A case with a docxtpl template counts compile + render
/// on both sides (docxtpl's `DocxTemplate(path)` parses its template every time); the seed
/// reports also get a compiled-once case (labelled, no peer), a whole-process case (the
/// generated one against whole docxtpl processes) and, for the real one, the batch.
func benchCases(builtIn: [CaseSpec], file: [CaseSpec], records: (path: String, count: Int)? = nil) -> [CaseSpec] {
    var cases: [CaseSpec] = []
    // The real seed's docxtpl twin, when bench/make_templates.py wrote one: a case of the file
    // under the real seed's name gives its docxtpl template (its data, the model's view, is the
    // peer's; DocFill keeps reading the YAML through the model).
    var fileCases = file.filter { $0.name != realSeedName }
    let realPeer = file.first { $0.name == realSeedName && $0.docxtpl_template != nil }
    for i in fileCases.indices where fileCases[i].docxtpl_template != nil {
        fileCases[i].kind = .compile; fileCases[i].floor = .template
    }
    func derived(_ seed: CaseSpec, label: String) -> [CaseSpec] {
        var once = seed
        once.name = "\(label), compiled once"; once.kind = .render; once.floor = .template
        once.docxtpl_template = nil; once.seed = nil
        var cli = seed
        cli.name = "\(label), whole process"; cli.kind = .cli; cli.runs = 20; cli.floor = Floor.none
        cli.peer_whole = true; cli.seed = nil; cli.docxtpl_runs = 10; cli.peer_case = seed.name
        return [once, cli]
    }
    if var real = builtIn.first(where: { $0.name == realSeedName }) {
        real.kind = .compile
        real.docxtpl_template = realPeer?.docxtpl_template
        real.docxtpl_runs = realPeer?.docxtpl_runs
        cases.append(real)
        var batch = real
        batch.docxtpl_template = nil
        batch.name = "seed batch ×\(batchSize.formatted()) in one process, \(ProcessInfo.processInfo.activeProcessorCount) cores"
        batch.kind = .batch; batch.runs = 3; batch.floor = Floor.none
        cases += derived(real, label: "seed (Templates)") + [batch]
        // The real `docfill batch` process on a records file (scripts/make-batch-records.sh).
        if let records {
            for jobs in [1, 2] {
                var cli = real
                cli.name = "seed batch CLI ×\(records.count.formatted()), --jobs \(jobs)"
                cli.docxtpl_template = nil
                cli.kind = .batchCLI; cli.data = records.path; cli.records = records.count; cli.jobs = jobs
                cli.runs = 3; cli.rounds = 3; cli.floor = Floor.none
                cases.append(cli)
            }
        }
    }
    for seed in fileCases where seed.seed == true {
        cases.append(seed)
        cases += derived(seed, label: "seed (generated)")
    }
    // The table targets are whole-process ones (10,000 rows: time; 100,000 rows: the CLI's
    // peak RSS): each big table also runs as `docfill render` processes against whole
    // docxtpl processes.
    var tables: [CaseSpec] = []
    for table in fileCases where table.seed != true {
        tables.append(table)
        guard let rows = table.rows, rows >= 10_000, table.docxtpl_template != nil else { continue }
        var cli = table
        cli.name = "\(table.name), whole process"; cli.kind = .cli; cli.floor = Floor.none
        cli.runs = rows >= 100_000 ? 3 : 10; cli.docxtpl_runs = rows >= 100_000 ? 1 : 3
        cli.peer_whole = true; cli.peer_case = table.name
        tables.append(cli)
    }
    return cases + tables + builtIn.filter { $0.name != realSeedName }
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
