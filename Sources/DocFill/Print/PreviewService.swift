import Foundation

/// Page images of documents for a server, with LibreOffice kept warm: one `soffice` is
/// started once (through `WarmOfficeScript`, a python3 with the UNO bridge, Debian
/// `python3-uno`) and converts every document after it, so a preview pays the office's start
/// (seconds) once instead of per document. Conversions are queued, one at a time; results are
/// cached by the SHA-256 of the document's bytes (and the resolution), so the same rendered
/// document is converted once. A conversion slower than `timeout` is stopped (the whole
/// process group killed) and fails with `pdf_timeout`; the next one starts LibreOffice again.
/// When LibreOffice dies during a conversion, it is started again and the conversion tried
/// once more. `stop()` (or releasing the service) quits LibreOffice and removes its files.
///
/// Codes: `libreoffice_missing` (no soffice, or no python3 with UNO), `poppler_missing`,
/// `pdf_timeout`, `pdf_conversion_failed`, `preview_failed`.
public final class PreviewService: @unchecked Sendable {
    /// How the service runs.
    public struct Options: Sendable {
        /// The `soffice` to use; nil: found on PATH.
        public var soffice: String?
        /// A python3 that can `import uno`; nil: `/usr/bin/python3`, else python3 on PATH.
        public var python: String?
        /// Seconds one conversion may take.
        public var timeout: Double = 60
        /// Seconds LibreOffice may take to start.
        public var startTimeout: Double = 120
        /// The images' resolution.
        public var dpi: Int = 80
        /// How many previews the cache keeps (the least recently used go first).
        public var cacheEntries: Int = 32

        /// The defaults: tools found on PATH, 60 s per conversion, 80 dpi, 32 previews kept.
        public init() {}
    }

    /// A document's pages.
    public struct Preview: Sendable {
        /// The cache key: SHA-256 of the document's bytes and the resolution, hexadecimal.
        public let key: String
        /// How many pages the PDF has.
        public let pageCount: Int
        /// One PNG image per page, in order.
        public let pages: [Data]
        /// The PDF the pages were drawn from.
        public let pdf: Data
    }

    /// Counts since the service was made.
    public struct Statistics: Sendable, Equatable {
        /// Documents converted by LibreOffice.
        public var conversions = 0
        /// Previews answered from the cache.
        public var cacheHits = 0
        /// Times LibreOffice was started (the first start included).
        public var starts = 0
    }

    /// The options the service runs with.
    public let options: Options
    let soffice: ExternalTool
    let python: ExternalTool
    let work: ScratchFolder
    let queue = NSLock()
    // Guarded by `queue`.
    var office: WarmOffice?
    var serial = 0
    private let cache = Locked<(entries: [String: Preview], order: [String])>(([:], []))
    let counts = Locked(Statistics())
    private let busyFlag = Locked(false)
    let group = Locked<Int32?>(nil)

    /// Finds the tools (`libreoffice_missing`, `poppler_missing` when one is not installed);
    /// LibreOffice starts with the first preview, or with `start()`.
    public init(options: Options = Options()) throws {
        self.options = options
        soffice = try .soffice(explicit: options.soffice)
        _ = try ExternalTool.poppler("pdftoppm")
        _ = try ExternalTool.poppler("pdfinfo")
        python = try Self.pythonWithUNO(options.python)
        work = try ScratchFolder("docfill-preview-service")
    }

    deinit { stop() }

    /// Starts LibreOffice now, so the first preview does not wait for it.
    public func start() throws {
        try queue.withLock { _ = try running() }
    }

    /// The pages of `document` (the bytes of a document of `format`): from the cache, or
    /// converted by the warm LibreOffice and drawn by pdftoppm.
    public func preview(of document: [UInt8], format: DocumentFormat) throws -> Preview {
        let key = SHA256.hash(document).map { String(format: "%02x", $0) }.joined() + "-\(options.dpi)"
        if let hit = cached(key) { return hit }
        return try queue.withLock {
            // Another caller may have made it while this one waited.
            if let hit = cached(key) { return hit }
            busyFlag.update { $0 = true }
            defer { busyFlag.update { $0 = false } }
            serial += 1
            let input = work.file("document-\(serial).\(format.rawValue)"), pdf = work.file("document-\(serial).pdf")
            let images = work.file("pages-\(serial)")
            defer { for path in [input, pdf, images] { TemporaryFiles.discard(path) } }
            guard FileManager.default.createFile(atPath: input, contents: Data(document)) else {
                throw DocFillError("io_error", "cannot write the document to convert", at: SourceLocation(file: input))
            }
            try convert(input, to: pdf)
            let count = try PagePreview.pageCount(pdf)
            let pages = try PagePreview.render(pdf: pdf, to: images, dpi: options.dpi, stem: "page", timeout: options.timeout)
            let preview = Preview(key: key, pageCount: count,
                                  pages: try pages.map { try Data(contentsOf: URL(fileURLWithPath: $0)) },
                                  pdf: try Data(contentsOf: URL(fileURLWithPath: pdf)))
            store(preview)
            return preview
        }
    }

    /// Quits LibreOffice (killed if it does not quit within 10 s) and removes the service's files.
    public func stop() {
        queue.withLock {
            office?.quit()
            office = nil
            group.update { $0 = nil }
        }
        work.remove()
    }

    /// The process group of the running LibreOffice helper, nil when none runs.
    public var processID: Int32? { group.value }

    /// Whether a conversion is under way.
    public var isBusy: Bool { busyFlag.value }

    /// The counts so far.
    public var statistics: Statistics { counts.value }

    private func cached(_ key: String) -> Preview? {
        let hit = cache.update { state -> Preview? in
            guard let preview = state.entries[key] else { return nil }
            state.order.removeAll { $0 == key }
            state.order.append(key)
            return preview
        }
        if hit != nil { counts.update { $0.cacheHits += 1 } }
        return hit
    }

    private func store(_ preview: Preview) {
        cache.update { state in
            state.entries[preview.key] = preview
            state.order.append(preview.key)
            while state.order.count > max(options.cacheEntries, 1) {
                state.entries[state.order.removeFirst()] = nil
            }
        }
    }
}
