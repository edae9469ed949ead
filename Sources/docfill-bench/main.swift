import DocFill
import Foundation
import OfficialReport

// DocFill benchmark: median time per render of a compiled template, beside the floor (what
// libzip/libxml2 alone need to open, parse, serialise and write an archive, nothing
// substituted). Each case runs in its own process so that its peak RSS is its own.
//
// Every case runs in rounds, DocFill and docxtpl interleaved (see Interleave.swift), and the
// last timed output of each is checked.
//
//   docfill-bench                          built-in cases, one table
//   docfill-bench --cases bench/work/cases.json [--peer PYTHON] [--records R.jsonl] [--results FILE] [--no-table]
//                 [--only NAME]
//                                          the cases of the file (written by
//                                          bench/make_templates.py) instead of the built-in
//                                          synthetic tables, plus the other built-in cases;
//                                          --peer: docxtpl (bench/docxtpl_bench.py) beside them;
//                                          --only: the case of that name alone
//   docfill-bench --table FILE             print the table of saved results
//   docfill-bench --case-json JSON [--keep FILE]
//                                          one case in this process, one JSON line (internal)
//   docfill-bench --dump-view FILE         the real seed's data as its model's view, as JSON
//                                          (bench/make_templates.py: the docxtpl peer's data)

// MARK: - arguments

func value(after flag: String) -> String? {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("docfill-bench: \(message)\n".utf8))
    exit(2)
}

if let json = value(after: "--case-json") {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-bench-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let spec = try JSONDecoder().decode(CaseSpec.self, from: Data(json.utf8))
    do {
        var result = try runCase(spec, work: work)
        // The last timed output, kept for the parent's check before the work folder goes.
        if let keep = value(after: "--keep"), let output = result.output {
            unlink(keep)
            guard rename(output, keep) == 0 else { fail("cannot keep \(output) as \(keep)") }
            result.output = keep
        }
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    } catch {
        FileHandle.standardError.write(Data("docfill-bench: \(spec.name): \(error)\n".utf8))
        try? FileManager.default.removeItem(at: work)
        exit(1)
    }
} else if let path = value(after: "--dump-view") {
    // What the real seed's template sees (the report model's view of the sample), for the docxtpl
    // twin of that template: docxtpl has no model, so it reads the view the model made.
    guard let real = builtInCases(withFile: true).first(where: { $0.name == realSeedName }) else {
        fail("\(seedTemplate) or \(seedData) is missing")
    }
    do { try Data(loadData(real).jsonBytes(pretty: true)).write(to: URL(fileURLWithPath: path)) } catch {
        fail("cannot write the view of \(seedData) to \(path): \(error)")
    }
} else if let saved = value(after: "--table") {
    guard let data = FileManager.default.contents(atPath: saved),
          let results = try? JSONDecoder().decode([CaseResult].self, from: data) else { fail("cannot read results from \(saved)") }
    printTable(results, load: nil)
} else {
    var fileCases: [CaseSpec] = []
    let casesPath = value(after: "--cases")
    if let path = casesPath {
        do { fileCases = try loadCaseFile(path) } catch { fail("cannot read cases from \(path): \(error)") }
    }
    // docxtpl, when bench.sh found it: `--peer PYTHON` (needs --cases: its templates are there).
    let peer = value(after: "--peer").flatMap { python in
        casesPath.map { Peer(python: python, script: root.appendingPathComponent("bench/docxtpl_bench.py").path, cases: $0) }
    }
    // `--records FILE.jsonl`: the batch CLI cases on it (one record per line).
    let records = value(after: "--records").map { path in
        (path: path, count: ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count)
    }
    // `--only NAME`: that case alone (a derived case by its own name).
    let only = value(after: "--only")
    let cases = benchCases(builtIn: builtInCases(withFile: !fileCases.isEmpty), file: fileCases, records: records)
        .filter { only == nil || $0.name == only }
    if cases.isEmpty { fail("no case named '\(only ?? "")'") }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-bench-parent-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let loadBefore = loadAverage()
    var results: [CaseResult] = []
    for c in cases {
        FileHandle.standardError.write(Data("docfill-bench: \(c.name)…\n".utf8))
        results.append(runInterleaved(c, peer: peer, work: work))
    }
    if let path = value(after: "--results") {
        try JSONEncoder().encode(results).write(to: URL(fileURLWithPath: path))
    }
    if !CommandLine.arguments.contains("--no-table") {
        printTable(results, load: (loadBefore, loadAverage()))
    }
    if results.contains(where: { $0.failed != nil || $0.checkFailed == true }) { exit(1) }
}
