import DocFill
import Foundation
import OfficialReport

// DocFill benchmark: median time per render of a compiled template, beside the floor (what
// libzip/libxml2 alone need to open, parse, serialise and write an archive, nothing
// substituted). Each case runs in its own process so that its peak RSS is its own.
//
//   docfill-bench                          built-in cases, one table
//   docfill-bench --cases bench/work/cases.json [--results FILE] [--no-table]
//                                          the cases of the file (written by
//                                          bench/make_templates.py) instead of the built-in
//                                          synthetic tables, plus the other built-in cases
//   docfill-bench --table FILE [--compare docxtpl.jsonl]
//                                          print the table of saved results, with docxtpl's
//                                          results (bench/docxtpl_bench.py) beside them
//   docfill-bench --case-json JSON         one case in this process, one JSON line (internal)

/// One case. Paths are absolute once loaded.
struct CaseSpec: Codable {
    enum Kind: String, Codable { case render, batch, cli }
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

func peakRSSMiB(_ who: Int32 = RUSAGE_SELF.rawValue) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted(); return s[s.count / 2]
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Runs `body` until both `minRuns` runs and `minSeconds` have passed; returns the median in ms.
/// `before` runs untimed ahead of each run.
func measure(minRuns: Int, minSeconds: Double = 1.0, before: () -> Void = {}, _ body: () throws -> Void) rethrows -> (Double, Int) {
    var times: [Double] = []
    let start = Date()
    while times.count < minRuns || (Date().timeIntervalSince(start) < minSeconds && times.count < 10_000) {
        before()
        let t0 = now()
        try body()
        times.append(Double(now() - t0) / 1e6)
    }
    return (median(times), times.count)
}

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

// MARK: - one case, in its own process

final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}

func runCase(_ c: CaseSpec, work: URL) throws -> CaseResult {
    switch c.kind ?? .render {
    case .render: return try runRender(c, work: work)
    case .batch: return try runBatch(c, work: work)
    case .cli: return try runCLI(c, work: work)
    }
}

func runRender(_ c: CaseSpec, work: URL) throws -> CaseResult {
    let template = try DocumentTemplate(contentsOf: c.template)
    let data = try loadData(c)
    let loaded = peakRSSMiB()
    let out = work.appendingPathComponent("out.docx").path
    // Every run writes a new file, as a render to a new path does. (Replacing a file by
    // rename makes ext4 write the new file's data out at once (auto_da_alloc): a cost of
    // the file system that a loop over one output path would add to every run.)
    let (ms, runs) = try measure(minRuns: c.runs, before: { unlink(out) }) { try template.render(data, to: out) }
    // Read before the floor runs: libxml2's tree of a big output costs far more than a render.
    let peak = peakRSSMiB()
    let floorOut = work.appendingPathComponent("floor.docx").path
    var floor: Double?
    switch c.floor ?? .output {
    case .output:
        // The floor at the size this case produces: the rendered output round-tripped.
        let rendered = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        floor = try measure(minRuns: max(3, c.runs / 2), before: { unlink(floorOut) }) {
            // Read under the limits it was written under: the 100,000-row table's part (76 MiB)
            // is over the template entry limit (64 MiB), within the output part limit (96 MiB).
            try ArchiveFloor.roundTrip(template: rendered, file: out, output: floorOut,
                                       limits: ArchiveLimits(readingOutput: OutputLimits()))
        }.0
    case .template:
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: c.template)))
        floor = try measure(minRuns: max(3, c.runs / 2), before: { unlink(floorOut) }) {
            try ArchiveFloor.roundTrip(template: bytes, file: c.template, output: floorOut)
        }.0
    case .none: floor = nil
    }
    return CaseResult(name: c.name, medianMs: ms, docsPerSecond: 1000 / ms, floorMs: floor, floorKind: c.floor?.rawValue,
                      peakRSSMiB: peak, runs: runs, rows: c.rows, loadedRSSMiB: loaded)
}

/// Compile once, then `batchSize` renders to distinct files spread over all cores; the
/// median wall time of `runs` batches.
func runBatch(_ c: CaseSpec, work: URL) throws -> CaseResult {
    let template = try DocumentTemplate(contentsOf: c.template)
    let data = try loadData(c)
    let dir = work.appendingPathComponent("batch")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let paths = (0..<batchSize).map { dir.appendingPathComponent("report-\($0).docx").path }
    try template.render(data, to: paths[0])  // warm-up
    var totals: [Double] = []
    for _ in 0..<max(1, c.runs) {
        for path in paths { unlink(path) }   // new files, as in runRender
        let failure = FirstError()
        let t0 = now()
        DispatchQueue.concurrentPerform(iterations: batchSize) { i in
            do { try template.render(data, to: paths[i]) } catch { failure.record(error) }
        }
        totals.append(Double(now() - t0) / 1e6)
        if let error = failure.error { throw error }
    }
    let total = median(totals)
    return CaseResult(name: c.name, medianMs: total / Double(batchSize), docsPerSecond: Double(batchSize) * 1000 / total,
                      floorMs: nil, floorKind: nil, peakRSSMiB: peakRSSMiB(), runs: totals.count,
                      note: "ms = batch wall time / \(batchSize) documents")
}

/// `docfill render` as a child process, start to exit; peak RSS is the child's.
func runCLI(_ c: CaseSpec, work: URL) throws -> CaseResult {
    let docfill = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("docfill")
    guard FileManager.default.isExecutableFile(atPath: docfill.path) else {
        throw DocFillError("bench", "\(docfill.path) is missing: swift build -c release --product docfill",
                           at: SourceLocation(file: docfill.path))
    }
    let out = work.appendingPathComponent("cli.docx").path
    var arguments = ["render", c.template, c.data, "-o", out]
    if let model = c.model { arguments += ["--model", model] }
    // posix_spawn and waitpid, not Foundation's Process: its waitUntilExit polls a run loop
    // (every 50 ms here), which rounded every start-to-exit time up to a multiple of 50 ms.
    func launch() throws {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The sample's stated-total warnings go to /dev/null with the rest of the output.
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([docfill.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, docfill.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw DocFillError("bench", "cannot start \(docfill.path): \(String(cString: strerror(spawned)))",
                               at: SourceLocation(file: docfill.path))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw DocFillError("bench", "docfill \(arguments.joined(separator: " ")) exited with status \(status)",
                               at: SourceLocation(file: c.template))
        }
    }
    try launch()  // warm the page cache
    let (ms, runs) = try measure(minRuns: c.runs, minSeconds: 2.0, before: { unlink(out) }) { try launch() }
    return CaseResult(name: c.name, medianMs: ms, docsPerSecond: 1000 / ms, floorMs: nil, floorKind: nil,
                      peakRSSMiB: peakRSSMiB(RUSAGE_CHILDREN.rawValue), runs: runs, note: "child process: start to exit")
}

// MARK: - parent: every case in a child process

final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var _data: Data?
    private var _done = false
    var data: Data? {
        get { lock.lock(); defer { lock.unlock() }; return _data }
        set { lock.lock(); _data = newValue; _done = true; lock.unlock() }
    }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
}

func runAll(_ cases: [CaseSpec]) throws -> [CaseResult] {
    var results: [CaseResult] = []
    for c in cases {
        FileHandle.standardError.write(Data("docfill-bench: \(c.name)…\n".utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--case-json", String(decoding: try JSONEncoder().encode(c), as: UTF8.self)]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        // Read stderr on another thread so that neither pipe can fill up and block the child.
        let errorText = Box()
        let reader = Thread { errorText.data = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorText.done { usleep(1000) }
        if process.terminationStatus == 0, let r = try? JSONDecoder().decode(CaseResult.self, from: output) {
            results.append(r)
        } else {
            let message = String(decoding: errorText.data ?? Data(), as: UTF8.self).split(separator: "\n").first.map(String.init)
            let lines = String(decoding: errorText.data ?? Data(), as: UTF8.self).split(separator: "\n")
            FileHandle.standardError.write(Data((lines.prefix(3).joined(separator: "\n")
                + (lines.count > 3 ? "\n… (\(lines.count - 3) more lines)" : "") + "\n").utf8))
            results.append(CaseResult(name: c.name, medianMs: 0, docsPerSecond: 0, peakRSSMiB: 0, runs: 0,
                                      failed: message ?? "exit \(process.terminationStatus)"))
        }
    }
    return results
}

// MARK: - the table

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

// MARK: - main

func value(after flag: String) -> String? {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("docfill-bench: \(message)\n".utf8))
    exit(2)
}

func loadPeers(_ path: String) -> [PeerResult] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(PeerResult.self, from: Data($0.utf8)) }
}

if let json = value(after: "--case-json") {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-bench-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let spec = try JSONDecoder().decode(CaseSpec.self, from: Data(json.utf8))
    do {
        let result = try runCase(spec, work: work)
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    } catch {
        FileHandle.standardError.write(Data("docfill-bench: \(spec.name): \(error)\n".utf8))
        try? FileManager.default.removeItem(at: work)
        exit(1)
    }
} else if let saved = value(after: "--table") {
    guard let data = FileManager.default.contents(atPath: saved),
          let results = try? JSONDecoder().decode([CaseResult].self, from: data) else { fail("cannot read results from \(saved)") }
    printTable(results, peers: value(after: "--compare").map(loadPeers))
} else {
    var fileCases: [CaseSpec] = []
    if let path = value(after: "--cases") {
        do { fileCases = try loadCaseFile(path) } catch { fail("cannot read cases from \(path): \(error)") }
    }
    let builtIn = builtInCases(withFile: !fileCases.isEmpty)
    // The seed reports first, then the batch and CLI cases of the real seed report (of the
    // generated one if the real one is missing or fails), then the tables and fixtures.
    let seeds = builtIn.filter { $0.name == realSeedName } + fileCases.filter { $0.seed == true }
    var results = try runAll(seeds)
    let usable = seeds.filter { s in results.contains { $0.name == s.name && $0.failed == nil } }
    if let seed = usable.first {
        var derived = seedDerivedCases(seed)
        if seed.name != seeds.first?.name {
            for i in derived.indices { derived[i].name += " (generated seed)" }
        }
        results += try runAll(derived)
    } else {
        for c in seedDerivedCases(CaseSpec(name: "", template: "", data: "", runs: 0)) {
            results.append(CaseResult(name: c.name, medianMs: 0, docsPerSecond: 0, peakRSSMiB: 0, runs: 0,
                                      failed: "no seed report renders (Templates/bao-cao-dang-uy.docx failed, no generated seed)"))
        }
    }
    results += try runAll(fileCases.filter { $0.seed != true } + builtIn.filter { $0.name != realSeedName })
    if let path = value(after: "--results") {
        try JSONEncoder().encode(results).write(to: URL(fileURLWithPath: path))
    }
    if !CommandLine.arguments.contains("--no-table") {
        printTable(results, peers: value(after: "--compare").map(loadPeers))
    }
}
