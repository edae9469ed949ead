import DocFill
import Foundation

/// On SIGTERM, SIGINT or SIGHUP, removes the library's temporary files and folders
/// (`TemporaryFiles.removeAll()`) and exits with 128 + the signal's number.
///
/// Async-signal safety: no handler runs in signal context. The signals are blocked in the
/// main thread before any other thread starts (threads inherit the mask, so none of them
/// takes the signal), and one dedicated thread waits for them with `sigwait`; it then runs
/// ordinary code, which may take locks and allocate. A signal that was ignored when the
/// program started (`nohup`, a background job of a shell without job control) stays ignored.
enum SignalCleanup {
    static let signals = [SIGTERM, SIGINT, SIGHUP]

    /// Work a command adds to the cleanup (`serve` quits the LibreOffice its previews keep warm).
    nonisolated(unsafe) private static var hooks: [@Sendable () -> Void] = []
    private static let hooksLock = NSLock()

    /// Runs `hook` on a signal, before the temporary files are removed.
    static func add(_ hook: @escaping @Sendable () -> Void) {
        hooksLock.withLock { hooks.append(hook) }
    }

    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            if isIgnored(current) { continue }
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let waited = set
        let waiter = Thread {
            var set = waited, received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            for hook in hooksLock.withLock({ hooks }) { hook() }
            TemporaryFiles.removeAll()
            _exit(128 + received)
        }
        waiter.start()
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if os(Linux)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
