import Dispatch
import Foundation

/// Renders, checks and previews run here: at most `width` at once, each on a thread of its own
/// (they block: parsing, zipping, waiting for LibreOffice), so the server's event loops and its
/// page handlers go on meanwhile. Up to `queueLength` more wait their turn in order; one more
/// is refused at once (`server_busy`, 503) rather than piling up memory.
///
/// A job that outlives `timeout` is answered `render_timeout` (504), but keeps its place until
/// it really ends: a stuck render cannot be killed from outside its thread, and counting it
/// keeps the memory of everything running bounded by `width`.
actor RenderPool {
    let width: Int
    let queueLength: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int, queueLength: Int) {
        self.width = max(1, width)
        self.queueLength = max(0, queueLength)
    }

    /// `work` on a pool thread, its result or error returned; `render_timeout` after `timeout` seconds.
    func run<T: Sendable>(timeout: Double, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let once = ResumeOnce(continuation)
            DispatchQueue.global(qos: .userInitiated).async {
                let result = Result { try work() }
                Task { await self.release() }
                once.resume(result)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                once.resume(.failure(ServerError(.gatewayTimeout, "render_timeout",
                                                 "the work took longer than \(String(format: "%g", timeout)) s; it was abandoned")))
            }
        }
    }

    /// How many jobs hold a place now, and how many wait (for tests and the load report).
    var load: (running: Int, waiting: Int) { (running, waiting.count) }

    private func acquire() async throws {
        if running < width {
            running += 1
            return
        }
        guard waiting.count < queueLength else {
            throw ServerError(.serviceUnavailable, "server_busy",
                              "\(running) renders are running and \(waiting.count) waiting; try again in a moment")
        }
        // The place is handed over by `release`, which does not lower `running` then.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A continuation resumed by whichever of the work and its timer comes first; the other is ignored.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`; nil once resumed.
    private var continuation: CheckedContinuation<T, Error>?

    init(_ continuation: CheckedContinuation<T, Error>) { self.continuation = continuation }

    func resume(_ result: Result<T, Error>) {
        let c: CheckedContinuation<T, Error>? = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        c?.resume(with: result)
    }
}
