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
