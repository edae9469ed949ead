import DocFill
import Foundation

/// A one-line progress bar on stderr — only when stderr is a terminal, so logs and pipes get
/// just the summary. Redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var start = Date()
    private var lastDraw = Date.distantPast
    private var phase: BatchProgress.Phase?

    func update(_ p: BatchProgress) {
        guard enabled else { return }
        lock.withLock {
            if phase != p.phase { phase = p.phase; if p.phase == .converting { start = Date() } }
            let now = Date()
            guard p.done == p.total || p.done == 0 || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            write("\r\u{1B}[K" + line(p, elapsed: now.timeIntervalSince(start)))
        }
    }

    func finish() {
        guard enabled else { return }
        lock.withLock { write("\r\u{1B}[K") }
    }

    private func line(_ p: BatchProgress, elapsed: Double) -> String {
        if p.phase == .converting {
            // One LibreOffice run converts everything; it reports no progress of its own.
            return p.done == 0 ? "converting \(p.total) documents to PDF with LibreOffice…" : "converted \(p.done) of \(p.total)"
        }
        let width = 30
        let filled = p.total == 0 ? width : width * p.done / p.total
        let rate = elapsed > 0 ? Double(p.done) / elapsed : 0
        let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
        let failed = p.failed > 0 ? ", \(p.failed) failed" : ""
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + "\(p.done)/\(p.total) " + String(format: "%.1f/s ETA %@", rate, Self.duration(eta)) + failed
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
