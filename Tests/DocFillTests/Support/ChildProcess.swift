import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process with posix_spawn and reaps it with wait4, which gives
/// that child's own resource use: wall time and peak resident memory are measured per run,
/// even while other tests run children in parallel. Output goes to temporary files (no pipe
/// can fill up and block the child).
struct ChildProcess {
    struct Result {
        var status: Int32          // exit status, or 128 + signal
        var signal: Int32?         // the signal that ended it, if one did
        var stdout: String
        var stdoutBytes: Data      // stdout as written (binary output)
        var stderr: String
        var seconds: Double        // wall time
        var cpuSeconds: Double     // user + system time of the child
        var peakMiB: Double        // ru_maxrss of the child
        var timedOut: Bool
    }

    let pid: pid_t
    let started: Date
    private let outPath: String, errPath: String

    /// Starts `executable`; stdin is /dev/null unless `stdinPath` is given; it runs in
    /// `directory` when one is given.
    init(_ executable: String, _ arguments: [String], stdinPath: String = "/dev/null",
         environment: [String: String] = [:], directory: String? = nil) throws {
        let dir = TestPaths.scratch("child")
        outPath = dir.appendingPathComponent("stdout").path
        errPath = dir.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        // posix_spawn_file_actions_addchdir_np is not in Swift's Glibc: a shell changes
        // folder and replaces itself with the program (same process, same rusage).
        let (program, args) = directory.map { ("/bin/sh", ["sh", "-c", #"cd "$0" && exec "$@""#, $0, executable] + arguments) }
            ?? (executable, [executable] + arguments)
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        // The child starts as from a shell: no signal blocked, SIGTERM/SIGINT/SIGHUP at their
        // default action (the test runner's threads may block or ignore some, and a spawned
        // child inherits that).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        self.pid = pid
        self.started = Date()
    }

    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// Waits for the child, killing it once `timeLimit` seconds have passed.
    func wait(timeLimit: Double = 60) -> Result {
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if !timedOut && Date().timeIntervalSince(started) > timeLimit {
                timedOut = true
                kill()
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let termSignal = status & 0x7f
        let exited = termSignal == 0
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Result(status: exited ? (status >> 8) & 0xff : 128 + termSignal,
                      signal: exited ? nil : termSignal,
                      stdout: read(outPath), stdoutBytes: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                      stderr: read(errPath), seconds: seconds,
                      cpuSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                          + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                      peakMiB: Double(usage.ru_maxrss) / 1024, timedOut: timedOut)
    }

    static func run(_ executable: String, _ arguments: [String], timeLimit: Double = 60,
                    stdinPath: String = "/dev/null", environment: [String: String] = [:],
                    directory: String? = nil) throws -> Result {
        try ChildProcess(executable, arguments, stdinPath: stdinPath, environment: environment, directory: directory)
            .wait(timeLimit: timeLimit)
    }
}
