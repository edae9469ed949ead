import Foundation

/// Runs an external program with a time limit. Foundation's `Process` starts the child in a
/// process group of its own, so on timeout the whole group is killed: `soffice` is a script
/// that starts `oosplash`, which starts `soffice.bin`, and killing only the first would leave
/// the converter running (and writing) behind our back.
enum ToolProcess {
    enum Outcome: Equatable { case exited(Int32), timedOut }

    /// Runs `tool` with `arguments`, its stdout and stderr appended to the file `log`;
    /// `environment` is added to (or replaces entries of) ours.
    static func run(_ tool: ExternalTool, _ arguments: [String], log: String, timeout: Double,
                    environment: [String: String] = [:]) throws -> Outcome {
        guard FileManager.default.createFile(atPath: log, contents: nil), let logHandle = FileHandle(forWritingAtPath: log) else {
            throw DocFillError("io_error", "cannot create the log file '\(log)'")
        }
        defer { try? logHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.path)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw DocFillError("tool_failed", "cannot start '\(tool.path)': \(error.localizedDescription)")
        }
        let group = process.processIdentifier
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(-group, SIGKILL)
            finished.wait()
            // The rest of the group dies a moment later; wait (at most 2 s) so that what it
            // held, such as LibreOffice's socket, is closed before the caller cleans up.
            for _ in 0..<100 where kill(-group, 0) == 0 { usleep(20_000) }
            return .timedOut
        }
        // The launcher has exited; anything it left in its group is a stray helper. The group
        // id cannot be reused while members remain, so this reaches only our own processes.
        kill(-group, SIGKILL)
        return .exited(process.terminationStatus)
    }

    /// The lines of a log worth showing in an error (the tool's own complaints).
    static func complaints(in log: String) -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Warning: failed to launch javaldx") && !$0.hasPrefix("convert ") }
        return lines.suffix(3).joined(separator: "; ")
    }
}
