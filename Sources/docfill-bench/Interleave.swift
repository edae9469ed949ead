import DocFill
import Foundation

// The parent's run of a case: rounds of one DocFill child and one peer child (docxtpl), one
// after the other (A B A B …), so that both engines see the same load; then the last timed
// output of each is checked.

/// The peer: docxtpl through bench/docxtpl_bench.py, run by this Python.
struct Peer {
    let python: String
    let script: String
    let cases: String
}

/// What a child printed as its one JSON line, or why it failed.
func runChild(_ executable: String, _ arguments: [String]) -> Result<Data, BenchFailure> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe(), errors = Pipe()
    process.standardOutput = pipe
    process.standardError = errors
    do { try process.run() } catch { return .failure(BenchFailure("cannot start \(executable): \(error)")) }
    // Read stderr on another thread so that neither pipe can fill up and block the child.
    let errorText = Box()
    let reader = Thread { errorText.data = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorText.done { usleep(1000) }
    guard process.terminationStatus == 0 else {
        let lines = String(decoding: errorText.data ?? Data(), as: UTF8.self).split(separator: "\n")
        return .failure(BenchFailure(lines.last.map(String.init) ?? "exit \(process.terminationStatus)"))
    }
    // The JSON is the last line (Python libraries may print before it).
    let last = output.split(separator: UInt8(ascii: "\n")).last.map { Data($0) } ?? Data()
    return .success(last)
}

struct BenchFailure: Error { let message: String; init(_ m: String) { message = m } }

/// Runs `c` in `rounds` rounds; each round one DocFill child doing `runs / rounds` timed runs,
/// then (when the case has a docxtpl template and a peer is given) one docxtpl child doing its
/// share. Medians are of the round medians; the ratio is the median of the per-round ratios.
func runInterleaved(_ c: CaseSpec, peer: Peer?, work: URL) -> CaseResult {
    // Recording the expected texts needs one output per case, not timings.
    let recording = ProcessInfo.processInfo.environment["DOCFILL_BENCH_RECORD"] == "1"
    let rounds = recording ? 1 : max(1, c.rounds ?? min(5, max(2, c.runs)))
    let peer = recording ? nil : peer
    var spec = c
    spec.rounds = rounds
    spec.runs = recording ? 1 : max(1, (c.runs + rounds - 1) / rounds)
    let peerRuns = max(1, ((c.docxtpl_runs ?? 5) * 2 + rounds - 1) / rounds)
    let mine = work.appendingPathComponent("check.docfill.docx").path
    let theirs = work.appendingPathComponent("check.docxtpl.docx").path
    var ours: [CaseResult] = [], peers: [PeerResult] = [], ratios: [Double] = []
    var peerFailure: String?
    func failed(_ why: String) -> CaseResult {
        CaseResult(name: c.name, medianMs: 0, docsPerSecond: 0, peakRSSMiB: 0, runs: 0, failed: why)
    }
    for _ in 0..<rounds {
        guard let json = try? JSONEncoder().encode(spec) else { return failed("cannot encode the case") }
        switch runChild(CommandLine.arguments[0], ["--case-json", String(decoding: json, as: UTF8.self), "--keep", mine]) {
        case .failure(let f): return failed(f.message)
        case .success(let line):
            guard let r = try? JSONDecoder().decode(CaseResult.self, from: line) else { return failed("unreadable child result") }
            ours.append(r)
        }
        guard let peer, c.docxtpl_template != nil, peerFailure == nil else { continue }
        var arguments = [peer.script, "--case", c.peer_case ?? c.name, peer.cases, "--runs", String(peerRuns), "--keep", theirs]
        if c.peer_whole == true { arguments.append("--whole") }
        switch runChild(peer.python, arguments) {
        case .failure(let f): peerFailure = f.message
        case .success(let line):
            guard let p = try? JSONDecoder().decode(PeerResult.self, from: line), let pm = p.median_ms else {
                peerFailure = "unreadable docxtpl result"; continue
            }
            peers.append(p)
            ratios.append(pm / ours[ours.count - 1].medianMs)
        }
    }
    var result = ours[0]
    result.medianMs = median(ours.map(\.medianMs))
    result.docsPerSecond = c.kind == .batch ? median(ours.map(\.docsPerSecond)) : 1000 / result.medianMs
    result.runs = ours.reduce(0) { $0 + $1.runs }
    result.peakRSSMiB = ours.map(\.peakRSSMiB).max() ?? 0
    result.floorMs = ours.compactMap(\.floorMs).isEmpty ? nil : median(ours.compactMap(\.floorMs))
    result.rounds = rounds
    result.kindName = (c.kind ?? .render).rawValue
    if !peers.isEmpty {
        result.peerMs = median(peers.compactMap(\.median_ms))
        result.peerRSSMiB = peers.compactMap(\.peak_rss_mib).max()
        result.ratio = median(ratios)
    }
    (result.check, result.checkFailed) = checkOutputs(c, mine: mine, theirs: peers.isEmpty ? nil : theirs)
    if let peerFailure { result.note = [result.note, "docxtpl failed: \(peerFailure)"].compactMap { $0 }.joined(separator: "; ") }
    unlink(mine); unlink(theirs)
    return result
}

/// The last timed outputs' text: equal to the peer's (same extractor for both), or to the
/// fingerprint recorded in bench/expected-text.json (`DOCFILL_BENCH_RECORD=1` records it).
func checkOutputs(_ c: CaseSpec, mine: String, theirs: String?) -> (String, Bool) {
    // Both outputs read the same way: by DocumentText, or both by the byte scan when either
    // is over what DocumentText reads (a 10,000-row table has more than 200,000 elements).
    var lines = try? DocumentText.lines(contentsOf: mine)
    var peerLines = theirs.flatMap { try? DocumentText.lines(contentsOf: $0) }
    if lines == nil || (theirs != nil && peerLines == nil) {
        lines = scannedLines(mine)
        peerLines = theirs.flatMap(scannedLines)
    }
    guard let lines else { return ("output unreadable", true) }
    if let theirs {
        guard let peerLines else { return ("docxtpl's output \(theirs) unreadable", true) }
        return inPartOrder(lines) == inPartOrder(peerLines) ? ("same text as docxtpl (\(lines.count) lines)", false)
            : ("TEXT DIFFERS from docxtpl's (\(lines.count) vs \(peerLines.count) lines)", true)
    }
    let print = TextFingerprint(lines)
    var expected = TextFingerprint.recorded()
    if ProcessInfo.processInfo.environment["DOCFILL_BENCH_RECORD"] == "1" {
        expected[c.name] = print
        TextFingerprint.record(expected)
        return ("recorded (\(lines.count) lines)", false)
    }
    guard let known = expected[c.name] else { return ("no recorded text to compare (DOCFILL_BENCH_RECORD=1)", true) }
    return known == print ? ("same text as recorded (\(lines.count) lines)", false)
                          : ("TEXT DIFFERS from the recorded text (\(lines.count) lines, \(known.lines) recorded)", true)
}

/// The lines with the header and footer blocks sorted, the body's untouched: `DocumentText`
/// reads those parts in package order, which is no part of the document (DocFill keeps the
/// template's entry order, python-docx, which docxtpl saves with, writes them by name).
func inPartOrder(_ lines: [String]) -> [String] {
    func starts(_ line: String) -> Bool { line == "--- header" || line == "--- footer" }
    guard let first = lines.firstIndex(where: starts) else { return lines }
    var blocks: [[String]] = []
    for line in lines[first...] {
        if starts(line) { blocks.append([line]) } else { blocks[blocks.count - 1].append(line) }
    }
    return Array(lines[..<first]) + blocks.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
}

/// A DOCX main part's text by a byte scan (`unzip -p`): per paragraph, the characters of its
/// `w:t` elements, entities as written. Used where `DocumentText` refuses a part for its size.
func scannedLines(_ path: String) -> [String]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", path, "word/document.xml"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let xml = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    var lines: [String] = [], line: [UInt8] = []
    var i = 0
    let paragraphEnd = Array("</w:p>".utf8), textStart = Array("<w:t>".utf8), textStartWithAttributes = Array("<w:t ".utf8)
    func at(_ b: [UInt8]) -> Bool { i + b.count <= xml.count && xml[i..<i + b.count].elementsEqual(b) }
    while i < xml.count {
        if xml[i] == UInt8(ascii: "<") {
            if at(paragraphEnd) { lines.append(String(decoding: line, as: UTF8.self)); line = [] }
            let text = at(textStart) || at(textStartWithAttributes)
            while i < xml.count && xml[i] != UInt8(ascii: ">") { i += 1 }
            i += 1
            if text && xml[i - 2] != UInt8(ascii: "/") {
                while i < xml.count && xml[i] != UInt8(ascii: "<") { line.append(xml[i]); i += 1 }
            }
        } else {
            i += 1
        }
    }
    return lines
}

/// A document's text in two numbers: its line count and an FNV-1a hash of its lines.
struct TextFingerprint: Codable, Equatable {
    let lines: Int
    let hash: String

    init(_ text: [String]) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in text { for b in line.utf8 + [0x0A] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        lines = text.count
        hash = String(h, radix: 16)
    }

    static let file = root.appendingPathComponent("bench/expected-text.json")

    static func recorded() -> [String: TextFingerprint] {
        (try? JSONDecoder().decode([String: TextFingerprint].self, from: Data(contentsOf: file))) ?? [:]
    }

    static func record(_ all: [String: TextFingerprint]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? encoder.encode(all).write(to: file)
    }
}

/// The load average now, as /proc/loadavg gives it (1, 5 and 15 minutes).
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
