import Foundation
import Testing
@testable import DocFill

/// `docfill` stopped by SIGTERM, SIGINT or SIGHUP while it writes removes its temporary files
/// and exits with 128 + the signal; a temporary file a killed process left (SIGKILL: nothing
/// runs) is removed by the next write of the same target, unless its process still runs.
/// The signal is sent once the temporary file is seen: the renders are big enough (see
/// `AtomicOutputTests`) that compressing and writing the archive takes a while.
@Suite(.serialized)
struct SignalTests {
    static let signals = [SIGTERM, SIGINT, SIGHUP]

    /// Names in `dir` that are temporary files or folders of docfill.
    static func temporaries(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.contains(".docfill-") || $0.hasPrefix(".") }
    }

    /// Waits until `dir` holds a temporary file (true), or the child ended first (false).
    static func waitForTemporary(in dir: URL, of child: ChildProcess) -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if !temporaries(in: dir).isEmpty { return true }
            // Ended (a zombie until `wait` reaps it), without a temporary file seen.
            let stat = (try? String(contentsOfFile: "/proc/\(child.pid)/stat", encoding: .utf8)) ?? ""
            if stat.contains(") Z ") { return false }
            usleep(500)
        }
        return false
    }

    static func render(_ data: String, to out: String) throws -> ChildProcess {
        try ChildProcess(CLITests.binary, ["render", TestPaths.fixture("row-loop.docx"), data, "-o", out])
    }

    @Test(arguments: signals)
    func signalledRenderRemovesItsTemporaryFile(_ signal: Int32) throws {
        let dir = TestPaths.scratch("signal-render")
        let out = dir.appendingPathComponent("out.docx").path
        let child = try Self.render(AtomicOutputTests.bigData, to: out)
        #expect(Self.waitForTemporary(in: dir, of: child), "the render ended before its temporary file was seen")
        child.kill(signal)
        let r = child.wait()
        #expect(r.signal == nil, "killed by signal \(r.signal ?? 0) instead of exiting")
        #expect(r.status == 128 + signal, "\(r.stderr)")
        #expect(Self.temporaries(in: dir) == [])
        if FileManager.default.fileExists(atPath: out) { try AtomicOutputTests.expectComplete(out) }
    }

    @Test(arguments: signals)
    func signalledBatchRemovesItsTemporaryFiles(_ signal: Int32) throws {
        let dir = TestPaths.scratch("signal-batch")
        let records = dir.appendingPathComponent("records.json")
        let record = try String(contentsOfFile: AtomicOutputTests.bigData, encoding: .utf8)
        try Data(("[" + Array(repeating: record, count: 4).joined(separator: ",") + "]").utf8).write(to: records)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let child = try ChildProcess(CLITests.binary, ["batch", TestPaths.fixture("row-loop.docx"), records.path,
                                                       "-o", out.path, "--jobs", "2"])
        #expect(Self.waitForTemporary(in: out, of: child), "the batch ended before a temporary file was seen")
        child.kill(signal)
        let r = child.wait()
        #expect(r.signal == nil, "killed by signal \(r.signal ?? 0) instead of exiting")
        #expect(r.status == 128 + signal, "\(r.stderr)")
        #expect(Self.temporaries(in: out) == [])
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where !name.hasPrefix(".") {
            try AtomicOutputTests.expectComplete(out.appendingPathComponent(name).path)
        }
    }

    /// A process id that no process has: a child that has exited and been reaped.
    static func deadPID() throws -> pid_t {
        let child = try ChildProcess("/bin/true", [])
        _ = child.wait()
        return child.pid
    }

    @Test func staleTemporaryFilesOfTheTargetAreRemovedByTheNextWrite() throws {
        let dir = TestPaths.scratch("stale")
        let out = dir.appendingPathComponent("out.docx").path
        // A real left-over: a render killed with SIGKILL while writing.
        let killed = try Self.render(AtomicOutputTests.bigData, to: out)
        #expect(Self.waitForTemporary(in: dir, of: killed))
        killed.kill(SIGKILL)
        _ = killed.wait()
        let leftover = Self.temporaries(in: dir)
        #expect(leftover.count == 1)

        let dead = try Self.deadPID(), live = getpid()
        let removed = ".out.docx.docfill-\(dead)-17.tmp"
        let kept = [".out.docx.docfill-\(live)-18.tmp",       // its process runs
                    ".other.docx.docfill-\(dead)-19.tmp",     // another target
                    ".out.docx.docfill-\(dead)-x.tmp",        // not the pattern
                    ".out.docx.docfill-\(dead)-20.tmp.bak",
                    "out.docx.docfill-\(dead)-21.tmp"]
        for name in [removed] + kept {
            #expect(FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: Data("x".utf8)))
        }
        let notAFile = ".out.docx.docfill-\(dead)-22.tmp"
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(notAFile), withIntermediateDirectories: false)

        let r = try ChildProcess.run(CLITests.binary, ["render", TestPaths.fixture("row-loop.docx"),
                                                       TestPaths.fixture("row-loop.json"), "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(left == Set(kept + [notAFile, "out.docx"]))
    }

    @Test func temporaryNamesParseOnlyTheExactPattern() {
        #expect(OutputTarget.parseTemporaryName(".a.docx.docfill-12-34.tmp")! == ("a.docx", 12))
        #expect(OutputTarget.parseTemporaryName(".a.docfill-1-2.docfill-12-34.tmp")! == ("a.docfill-1-2", 12))
        for name in ["a.docx.docfill-12-34.tmp", ".a.docx.docfill-12.tmp", ".a.docx.docfill-12-34-5.tmp",
                     ".a.docx.docfill--34.tmp", ".a.docx.docfill-0-34.tmp", ".docfill-12-34.tmp", ".a.docx.docfill-1a-34.tmp"] {
            #expect(OutputTarget.parseTemporaryName(name) == nil, "\(name)")
        }
        let made = (OutputTarget.temporaryName(beside: "/x/y.docx") as NSString).lastPathComponent
        #expect(OutputTarget.parseTemporaryName(made)! == ("y.docx", getpid()))
    }
}
