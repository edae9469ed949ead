import Foundation
import Testing
@testable import DocFill

/// A render killed with SIGKILL at any moment leaves nothing at the target path (a hidden
/// temporary file beside it may remain), and an existing output is replaced only by a complete
/// new one. The render is big enough (row-loop.docx with 8,000 rows: a table row is ~2 KB of XML, so
/// document.xml is ~16 MB, seconds in a debug build) so that kills land while the data loads, while the parts render and
/// while the archive is written.
@Suite(.serialized)
struct AtomicOutputTests {
    static let rows = 8_000

    static let bigData: String = {
        let dir = TestPaths.scratch("atomic-data")
        let path = dir.appendingPathComponent("rows.json").path
        var json = #"{"total_qty": 1, "items": ["#
        json += (0..<rows).map { #"{"name":"Row \#($0)","qty":\#($0),"price":"1.00"}"# }.joined(separator: ",")
        json += "]}"
        precondition(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)), "cannot write \(path)")
        return path
    }()

    static func render(to out: String, data: String = bigData) throws -> ChildProcess {
        try ChildProcess(CLITests.binary, ["render", TestPaths.fixture("row-loop.docx"), data, "-o", out])
    }

    /// Kill moments: fixed early ones, then fractions of a full run's wall time.
    static func killMoments() throws -> [Double] {
        let dir = TestPaths.scratch("atomic-timing")
        let out = dir.appendingPathComponent("out.docx").path
        let full = try render(to: out).wait(timeLimit: 120)
        #expect(full.status == 0, "\(full.stderr)")
        try expectComplete(out)
        // Ascending, and the fixed ones only where a run is still going: a render that
        // finishes before its kill means every later moment would too.
        return ([0.02, 0.06, 0.15].filter { $0 < 0.9 * full.seconds }
                + [0.2, 0.4, 0.6, 0.75, 0.9, 0.97].map { $0 * full.seconds }).sorted()
    }

    /// The archive reads back whole (every entry inflated, every CRC checked) and its
    /// document.xml holds the last row and closes the document.
    static func expectComplete(_ path: String) throws {
        let bytes = TemplateBytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        var limits = ArchiveLimits(); limits.maxEntrySize = 1 << 30
        let reader = try ZipReader(bytes, file: path, limits: limits)
        for entry in reader.entries {
            let data = try reader.read(entry)
            if entry.name == "word/document.xml" {
                #expect(String(decoding: data.suffix(40), as: UTF8.self).contains("</w:document>"))
                #expect(String(decoding: data.suffix(200_000), as: UTF8.self).contains("Row \(rows - 1)<"))
            }
        }
    }

    static func leftovers(in dir: URL, besides names: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !names.contains($0) }
    }

    @Test func killedRenderLeavesNoTarget() throws {
        for moment in try Self.killMoments() {
            let dir = TestPaths.scratch("killed")
            let out = dir.appendingPathComponent("out.docx").path
            let child = try Self.render(to: out)
            usleep(useconds_t(moment * 1_000_000))
            child.kill(SIGKILL)
            let r = child.wait()
            // Whatever the moment, the target is either absent or a complete document: a kill
            // can land after the rename into place and before the process exits.
            if r.signal != SIGKILL { #expect(r.status == 0) }
            if FileManager.default.fileExists(atPath: out) {
                try Self.expectComplete(out)
            } else {
                #expect(r.signal == SIGKILL, "no target and no kill at \(moment) s")
            }
            for name in try Self.leftovers(in: dir, besides: ["out.docx"]) {
                #expect(name.hasPrefix(".out.docx."), "leftover '\(name)' is not a hidden temporary file")
            }
        }
    }

    @Test func killedRenderKeepsThePreviousOutput() throws {
        let dir = TestPaths.scratch("previous")
        let out = dir.appendingPathComponent("out.docx").path
        let first = try ChildProcess.run(CLITests.binary, ["render", TestPaths.fixture("row-loop.docx"),
                                                           TestPaths.fixture("row-loop.json"), "-o", out])
        #expect(first.status == 0, "\(first.stderr)")
        let previous = try Data(contentsOf: URL(fileURLWithPath: out))
        var killedMidway = 0
        for moment in try Self.killMoments() {
            let child = try Self.render(to: out)
            usleep(useconds_t(moment * 1_000_000))
            child.kill(SIGKILL)
            let r = child.wait()
            guard r.signal == SIGKILL else { break }    // it finished: the rest would too
            if try Data(contentsOf: URL(fileURLWithPath: out)) != previous {
                // The kill landed after the rename into place, before the process exited:
                // the target is then the complete new document (never a part of it).
                try Self.expectComplete(out)
                break
            }
            killedMidway += 1
            for name in try Self.leftovers(in: dir, besides: ["out.docx"]) {
                #expect(name.hasPrefix(".out.docx."), "leftover '\(name)' is not a hidden temporary file")
            }
        }
        #expect(killedMidway >= 3)
        // A render that is not killed replaces the output with the complete new document.
        let full = try Self.render(to: out).wait(timeLimit: 120)
        #expect(full.status == 0)
        try Self.expectComplete(out)
    }
}
