import DocFill
import Foundation

// Running the cases: each in a child process of its own (its peak RSS its own), timed by
// median.

func peakRSSMiB(_ who: Int32 = RUSAGE_SELF.rawValue) -> Double {
    // Our own peak from the kernel's high-water mark of this process's memory (VmHWM): Linux
    // carries ru_maxrss across exec, so a child started by a big parent would report the
    // parent's size (the bench's child processes did, after its in-process batch case).
    if who == RUSAGE_SELF.rawValue, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kib = Double(line.split(separator: " ").dropFirst().first ?? "") {
        return kib / 1024
    }
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

// MARK: - one case, in its own process

final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}

func runCase(_ c: CaseSpec, work: URL) throws -> CaseResult {
    switch c.kind ?? .render {
    case .render: return try runRender(c, work: work)
    case .compile: return try runCompile(c, work: work)
    case .batch: return try runBatch(c, work: work)
    case .cli, .batchCLI: return try runCLI(c, work: work)
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
    let (ms, runs) = try measure(minRuns: c.runs, minSeconds: c.rounds == nil ? 1 : 0, before: { unlink(out) }) {
        try template.render(data, to: out)
    }
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
                      peakRSSMiB: peak, runs: runs, rows: c.rows, loadedRSSMiB: loaded, output: out)
}

/// Compile + render from the template file every run (what a one-document `render` does, and
/// what docxtpl's `DocxTemplate(path)` + `render` + `save` does); the floor is the round trip of
/// the same template file the timed run reads.
func runCompile(_ c: CaseSpec, work: URL) throws -> CaseResult {
    let data = try loadData(c)
    let out = work.appendingPathComponent("out.docx").path
    let floorOut = work.appendingPathComponent("floor.docx").path
    // Interleaved, one of each per round, so that both see the same load: compile + render
    // (compile timed apart) and the floor of the same template file.
    var total: [Double] = [], compile: [Double] = [], floor: [Double] = [], ratio: [Double] = []
    let start = Date()
    while total.count < c.runs || (c.rounds == nil && Date().timeIntervalSince(start) < 1 && total.count < 10_000) {
        unlink(out); unlink(floorOut)
        let t0 = now()
        let template = try DocumentTemplate(contentsOf: c.template)
        let t1 = now()
        try template.render(data, to: out)
        let t2 = now()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: c.template)))
        try ArchiveFloor.roundTrip(template: bytes, file: c.template, output: floorOut)
        let t3 = now()
        total.append(Double(t2 - t0) / 1e6); compile.append(Double(t1 - t0) / 1e6); floor.append(Double(t3 - t2) / 1e6)
        ratio.append(Double(t1 - t0) / Double(t3 - t2))
    }
    let ms = median(total)
    return CaseResult(name: c.name, medianMs: ms, docsPerSecond: 1000 / ms, floorMs: median(floor), floorKind: "template",
                      peakRSSMiB: peakRSSMiB(), runs: total.count, rows: c.rows,
                      note: String(format: "compile alone %.2f ms, %.2f× the floor (median of the per-run ratios)",
                                   median(compile), median(ratio)), output: out)
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
                      note: "ms = batch wall time / \(batchSize) documents", output: paths[batchSize - 1])
}

/// `docfill render` as a child process, start to exit; peak RSS is the child's.
func runCLI(_ c: CaseSpec, work: URL) throws -> CaseResult {
    let docfill = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("docfill")
    guard FileManager.default.isExecutableFile(atPath: docfill.path) else {
        throw DocFillError("bench", "\(docfill.path) is missing: swift build -c release --product docfill",
                           at: SourceLocation(file: docfill.path))
    }
    let batch = c.kind == .batchCLI
    let out = work.appendingPathComponent(batch ? "batch" : "cli.docx").path
    var arguments = batch ? ["batch", c.template, c.data, "-o", out, "--jobs", String(c.jobs ?? 1), "--name", "{{@number}}.docx"]
                          : ["render", c.template, c.data, "-o", out]
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
    func clear() { if batch { try? FileManager.default.removeItem(atPath: out) } else { unlink(out) } }
    try launch()  // warm the page cache
    let (ms, runs) = try measure(minRuns: c.runs, minSeconds: c.rounds == nil && !batch ? 2.0 : 0, before: clear) { try launch() }
    if batch {
        // Every record's document written; the first one is the output checked.
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out))?.count ?? 0
        let records = c.records ?? 0
        guard written == records else {
            throw DocFillError("bench", "docfill batch wrote \(written) documents for \(records) records", at: SourceLocation(file: c.data))
        }
        return CaseResult(name: c.name, medianMs: ms / Double(max(records, 1)), docsPerSecond: Double(records) * 1000 / ms,
                          floorMs: nil, floorKind: nil, peakRSSMiB: peakRSSMiB(RUSAGE_CHILDREN.rawValue), runs: runs,
                          note: "docfill batch process, \(records) records, --jobs \(c.jobs ?? 1): ms = wall time / records",
                          output: out + "/1.docx")
    }
    return CaseResult(name: c.name, medianMs: ms, docsPerSecond: 1000 / ms, floorMs: nil, floorKind: nil,
                      peakRSSMiB: peakRSSMiB(RUSAGE_CHILDREN.rawValue), runs: runs, note: "child process: start to exit",
                      output: out)
}

// MARK: - shared with the parent (Interleave.swift)

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
