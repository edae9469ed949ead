import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One running LibreOffice helper (`WarmOfficeScript`): its process group, the line it says
/// after each request, and how it is stopped. Used by `PreviewService` under its queue lock.
final class WarmOffice: @unchecked Sendable {
    let process = Process()
    /// Our end of the helper's standard input: a socket, written with MSG_NOSIGNAL, so a
    /// helper that died makes a write fail instead of raising SIGPIPE in the server.
    private let input: Int32
    /// The process group: the python helper, `soffice` and its children.
    var group: Int32 { process.processIdentifier }
    private let lines = Locked<(pending: [String], buffer: Data, ended: Bool)>(([], Data(), false))
    private let arrived = DispatchSemaphore(value: 0)
    private let pipes = StalePipes()

    /// What a request came to.
    enum Reply: Equatable { case line(String), ended, timedOut }

    init(python: ExternalTool, script: String, soffice: ExternalTool, profile: String, temporary: String, log: String) throws {
        var ends: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let made = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends)
        #else
        let made = socketpair(AF_UNIX, SOCK_STREAM, 0, &ends)
        #endif
        guard made == 0 else { throw DocFillError("tool_failed", "cannot make a socket for the LibreOffice helper: \(String(cString: strerror(errno)))") }
        let childEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let fromHelper = Pipe()
        process.executableURL = URL(fileURLWithPath: python.path)
        process.arguments = [script, soffice.path, profile, "docfill-\(getpid())-\(UUID().uuidString.prefix(8))"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary, "TMP": temporary, "TEMP": temporary]) { $1 }
        process.standardInput = childEnd
        process.standardOutput = fromHelper
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        input = ends[0]
        let lines = self.lines, arrived = self.arrived
        fromHelper.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            let count = lines.update { state -> Int in
                if data.isEmpty { state.ended = true; return 1 }
                state.buffer.append(data)
                var found = 0
                while let newline = state.buffer.firstIndex(of: 0x0A) {
                    state.pending.append(String(decoding: state.buffer[state.buffer.startIndex..<newline], as: UTF8.self))
                    state.buffer.removeSubrange(state.buffer.startIndex...newline)
                    found += 1
                }
                return found
            }
            if data.isEmpty { handle.readabilityHandler = nil }
            for _ in 0..<count { arrived.signal() }
        }
        do { try process.run() } catch {
            close(ends[0])
            throw DocFillError("tool_failed", "cannot start '\(python.path)': \(error.localizedDescription)")
        }
        // Only the helper holds its end now: when it dies, our writes fail.
        try? childEnd.close()
    }

    deinit { close(input) }

    /// The next line the helper says, within `timeout` seconds.
    func reply(within timeout: Double) -> Reply {
        let deadline = DispatchTime.now() + timeout
        while true {
            let next = lines.update { state -> Reply? in
                if !state.pending.isEmpty { return .line(state.pending.removeFirst()) }
                return state.ended ? .ended : nil
            }
            if let next { return next }
            if arrived.wait(timeout: deadline) == .timedOut { return .timedOut }
        }
    }

    /// Sends one request line; false when the helper no longer reads.
    func send(_ object: [String: Any]) -> Bool {
        guard let json = try? JSONSerialization.data(withJSONObject: object) else { return false }
        let bytes = [UInt8](json) + [0x0A]
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Foundation.send(input, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Kills the whole group at once and waits (at most 2 s) for the helper to be gone. Its
    /// group is not waited for: where the first process of a container reaps nothing,
    /// LibreOffice's killed processes stay zombies for ever (their sockets closed all the same).
    func kill() {
        let group = self.group
        guard group > 0 else { return }
        Foundation.kill(-group, SIGKILL)
        for _ in 0..<100 where process.isRunning { usleep(20_000) }
        pipes.removeNew()
    }

    /// Asks the helper to quit LibreOffice; kills the group if it has not within 10 s.
    func quit() {
        if process.isRunning, send(["quit": true]) {
            for _ in 0..<500 where process.isRunning { usleep(20_000) }
        }
        kill()
    }
}

extension PreviewService {
    /// LibreOffice died under a conversion: started again and the conversion retried once.
    private struct Died: Error { var why: String }

    /// The running helper, started when there is none (under the queue lock).
    func running() throws -> WarmOffice {
        if let office, office.process.isRunning { return office }
        office?.kill()
        office = nil
        let script = work.file("warm-office.py")
        if !FileManager.default.fileExists(atPath: script) {
            guard FileManager.default.createFile(atPath: script, contents: Data(WarmOfficeScript.source.utf8)) else {
                throw DocFillError("io_error", "cannot write the LibreOffice helper script", at: SourceLocation(file: script))
            }
        }
        let temporary = work.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let started = try WarmOffice(python: python, script: script, soffice: soffice, profile: work.file("profile"),
                                     temporary: temporary, log: work.file("office.log"))
        group.update { $0 = started.group }
        counts.update { $0.starts += 1 }
        switch started.reply(within: options.startTimeout) {
        case .line("ready"):
            office = started
            return started
        case .timedOut:
            started.kill()
            throw DocFillError("pdf_timeout", "LibreOffice did not start within \(Int(options.startTimeout)) s and was stopped")
        case .line(let other):
            started.kill()
            throw DocFillError("pdf_conversion_failed", "LibreOffice could not start: \(Self.reason(other, log: work.file("office.log")))")
        case .ended:
            started.kill()
            throw DocFillError("pdf_conversion_failed", "LibreOffice could not start: \(Self.reason("", log: work.file("office.log")))")
        }
    }

    /// Converts `input` to the PDF `output` (under the queue lock), starting LibreOffice again
    /// and retrying once when it dies meanwhile.
    func convert(_ input: String, to output: String) throws {
        for attempt in 0..<2 {
            do {
                try convertOnce(input, to: output)
                counts.update { $0.conversions += 1 }
                return
            } catch let died as Died {
                if attempt == 1 {
                    throw DocFillError("pdf_conversion_failed", "LibreOffice stopped while converting: \(died.why)", at: SourceLocation(file: input))
                }
            }
        }
    }

    private func convertOnce(_ input: String, to output: String) throws {
        let office = try running()
        guard office.send(["input": input, "output": output]) else {
            office.kill()
            self.office = nil
            throw Died(why: "it no longer reads requests")
        }
        switch office.reply(within: options.timeout) {
        case .line("ok"):
            guard PDFConverter.isPDF(output) else {
                throw DocFillError("pdf_conversion_failed", "LibreOffice made no PDF", at: SourceLocation(file: input))
            }
        case .line(let line) where line.hasPrefix("error "):
            throw DocFillError("pdf_conversion_failed", "LibreOffice could not convert the document: \(line.dropFirst(6))",
                               at: SourceLocation(file: input))
        case .timedOut:
            office.kill()
            self.office = nil
            throw DocFillError("pdf_timeout", "LibreOffice did not finish within \(Int(options.timeout.rounded(.up))) s and was stopped; no preview was made")
        case .line(let line):
            office.kill()
            self.office = nil
            throw Died(why: Self.reason(line, log: work.file("office.log")))
        case .ended:
            office.kill()
            self.office = nil
            throw Died(why: Self.reason("", log: work.file("office.log")))
        }
    }

    private static func reason(_ line: String, log: String) -> String {
        let said = line.hasPrefix("dead ") ? String(line.dropFirst(5)) : line
        let complaints = ToolProcess.complaints(in: log)
        return [said, complaints].filter { !$0.isEmpty }.joined(separator: "; ").ifEmpty("it exited")
    }

    /// `explicit`, else /usr/bin/python3, else python3 on PATH: the first that imports `uno`.
    static func pythonWithUNO(_ explicit: String?) throws -> ExternalTool {
        let candidates = explicit.map { [$0] } ?? ["/usr/bin/python3", "python3"]
        let work = try ScratchFolder("docfill-python-check")
        defer { work.remove() }
        for candidate in candidates {
            guard let tool = try? ExternalTool.find(candidate, explicit: candidate, extraPlaces: [], code: "libreoffice_missing", install: "") else { continue }
            if (try? ToolProcess.run(tool, ["-c", "import uno"], log: work.file("check.log"), timeout: 30)) == .exited(0) { return tool }
        }
        throw DocFillError("libreoffice_missing",
                           "no python3 with LibreOffice's UNO bridge for previews kept warm; install: apt-get install python3-uno")
    }
}

private extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
