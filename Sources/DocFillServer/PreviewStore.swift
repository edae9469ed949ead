import DocFill
import Foundation

/// Page previews and PDFs for the pages, through the library's `PreviewService` (LibreOffice
/// kept warm, conversions queued, results cached by content hash). The service starts with
/// the first preview, so a server without LibreOffice starts, and only its previews and PDFs
/// fail (`libreoffice_missing`). Its calls block, so they run on a pool of their own: a queue of
/// conversions never holds the renderers the API needs.
final class PreviewStore: Sendable {
    private let service = ServiceHolder()
    let pool: RenderPool
    let timeout: Double

    init(limits: ServerLimits) {
        pool = RenderPool(width: 2, queueLength: 64)
        timeout = limits.previewTimeout
        Self.all.withLock { $0.append(self) }
    }

    /// Every store made, for `DocFillServer.stopPreviews` (a signal ends the process without
    /// unwinding, and LibreOffice runs in a process group of its own, which would outlive it).
    static let all = LockedList()

    /// The cache key and page count of `document`, converted when not cached.
    func pages(of document: Data, format: DocumentFormat) async throws -> (key: String, count: Int) {
        let service = try self.service.get(timeout: timeout)
        return try await pool.run(timeout: timeout) {
            let converted = try service.convert([UInt8](document), format: format)
            return (converted.key, converted.pageCount)
        }
    }

    /// `document` as PDF.
    func pdf(of document: Data, format: DocumentFormat) async throws -> Data {
        let service = try self.service.get(timeout: timeout)
        return try await pool.run(timeout: timeout) { try service.convert([UInt8](document), format: format).pdf }
    }

    /// Page `page` (`3.png`) of the document converted under `key`; nil for a key or page
    /// that is not one.
    func image(key: String, page: String) async throws -> Data? {
        guard !key.isEmpty, key.count <= 80, key.allSatisfy({ $0.isHexDigit || $0 == "-" || $0.isNumber }),
              page.hasSuffix(".png"), let n = Int(page.dropLast(4)), n >= 1 else { return nil }
        let service = try self.service.get(timeout: timeout)
        return try await pool.run(timeout: timeout) { try service.page(n, of: key) }
    }

    /// Quits LibreOffice, if it was started.
    func stop() { service.stop() }
}

/// The service, made on first use (LibreOffice is looked for then).
private final class ServiceHolder: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var service: PreviewService?

    func get(timeout: Double) throws -> PreviewService {
        try lock.withLock {
            if let service { return service }
            var options = PreviewService.Options()
            options.timeout = timeout
            let made = try PreviewService(options: options)
            service = made
            return made
        }
    }

    func stop() { lock.withLock { service?.stop() } }
}

/// The stores made in this process.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stores: [PreviewStore] = []
    func withLock<R>(_ body: (inout [PreviewStore]) -> R) -> R { lock.withLock { body(&stores) } }
}
