import DocFill
import Foundation

// DocFill benchmark: median time per render of a compiled template, beside the floor (the
// same archive opened, parsed, serialised and written by libzip/libxml2 with nothing
// substituted). Each case runs in its own process so that its peak RSS is its own.
//
//   docfill-bench                 all cases, one table
//   docfill-bench --case NAME     one case, one JSON line (used by the above)

struct CaseResult: Codable {
    var name: String
    var medianMs: Double
    var floorMs: Double?
    var peakRSSMiB: Double
    var runs: Int
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = root.appendingPathComponent("Tests/DocFillTests/Fixtures")
let work = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-bench-\(getpid())")
try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted(); return s[s.count / 2]
}

/// Runs `body` until both `minRuns` runs and `minSeconds` have passed; returns the median in ms.
func measure(minRuns: Int, minSeconds: Double = 1.0, _ body: () throws -> Void) rethrows -> (Double, Int) {
    var times: [Double] = []
    let start = Date()
    while times.count < minRuns || (Date().timeIntervalSince(start) < minSeconds && times.count < 10_000) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
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

func fixtureData(_ name: String) throws -> Value {
    try DataLoader.load(contentsOf: fixtures.appendingPathComponent("\(name).json").path)
}

struct BenchCase {
    let name: String
    let template: String
    let data: () throws -> Value
    let minRuns: Int
}

let cases: [BenchCase] = [
    BenchCase(name: "fixture variables", template: "variables.docx", data: { try fixtureData("variables") }, minRuns: 200),
    BenchCase(name: "fixture paragraph-loop", template: "paragraph-loop.docx", data: { try fixtureData("paragraph-loop") }, minRuns: 200),
    BenchCase(name: "table 1,000 rows", template: "row-loop.docx", data: { tableData(rows: 1_000) }, minRuns: 30),
    BenchCase(name: "table 10,000 rows", template: "row-loop.docx", data: { tableData(rows: 10_000) }, minRuns: 10),
    BenchCase(name: "table 100,000 rows", template: "row-loop.docx", data: { tableData(rows: 100_000) }, minRuns: 3),
]

func runCase(_ c: BenchCase) throws -> CaseResult {
    let path = fixtures.appendingPathComponent(c.template).path
    let template = try DocumentTemplate(contentsOf: path)
    let data = try c.data()
    let out = work.appendingPathComponent("out.docx").path
    let (ms, runs) = try measure(minRuns: c.minRuns) { try template.render(data, to: out) }
    // The floor of the same template at the size this case produces: round-trip the output.
    let rendered = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
    let floorOut = work.appendingPathComponent("floor.docx").path
    let (floor, _) = try measure(minRuns: max(3, c.minRuns / 2)) {
        try ArchiveFloor.roundTrip(template: rendered, file: out, output: floorOut)
    }
    return CaseResult(name: c.name, medianMs: ms, floorMs: floor, peakRSSMiB: peakRSSMiB(), runs: runs)
}

let arguments = CommandLine.arguments
if let i = arguments.firstIndex(of: "--case"), i + 1 < arguments.count {
    guard let c = cases.first(where: { $0.name == arguments[i + 1] }) else { exit(2) }
    let result = try runCase(c)
    print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    exit(0)
}

print("DocFill benchmark (release build; median of repeated renders of a compiled template)")
print("floor = the rendered archive opened, parsed and serialised by libxml2, and written by libzip, nothing substituted")
print("")
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
print(pad("case", 26) + lpad("median ms", 11) + lpad("docs/s", 10) + lpad("floor ms", 10) + lpad("ratio", 8) + lpad("peak RSS MiB", 14) + lpad("runs", 7))
for c in cases {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--case", c.name]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let r = try? JSONDecoder().decode(CaseResult.self, from: output) else {
        print(pad(c.name, 26) + "  failed (exit \(process.terminationStatus))")
        continue
    }
    let ratio = r.floorMs.map { String(format: "%.2f×", r.medianMs / $0) } ?? "—"
    print(pad(r.name, 26) + lpad(String(format: "%.3f", r.medianMs), 11) + lpad(String(format: "%.0f", 1000 / r.medianMs), 10)
          + lpad(r.floorMs.map { String(format: "%.3f", $0) } ?? "—", 10) + lpad(ratio, 8)
          + lpad(String(format: "%.1f", r.peakRSSMiB), 14) + lpad("\(r.runs)", 7))
}
try? FileManager.default.removeItem(at: work)
