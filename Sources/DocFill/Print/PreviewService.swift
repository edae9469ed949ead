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
        /// How many documents the cache keeps, with their PDF and drawn pages (the least
        /// recently used go first).
        public var cacheEntries: Int = 16

        /// The defaults: tools found on PATH, 60 s per conversion, 80 dpi, 16 documents kept.
        public init() {}
    }

    /// A document's pages, all drawn.
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

    /// A converted document whose pages are drawn when asked for (`page(_:of:)`): what a
    /// page showing the first pages at once wants, since drawing a page as PNG costs about
    /// as much as converting several (pdftoppm's PNG encoding; 23 pages of the Party report
    /// take seconds).
    public struct Converted: Sendable {
        /// The cache key (as `Preview.key`), which `page(_:of:)` takes.
        public let key: String
        /// How many pages the PDF has.
        public let pageCount: Int
        /// The PDF.
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
        /// Page images drawn (not answered from the cache).
        public var pagesDrawn = 0
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
    /// A converted document and the pages drawn so far.
    struct Entry {
        var converted: Converted
        var pages: [Int: Data] = [:]
    }
    private let cache = Locked<(entries: [String: Entry], order: [String])>(([:], []))
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

    /// The pages of `document` (the bytes of a document of `format`), all drawn: from the
    /// cache, or converted by the warm LibreOffice and drawn by one pdftoppm run.
    public func preview(of document: [UInt8], format: DocumentFormat) throws -> Preview {
        let converted = try convert(document, format: format)
        var pages = (1...max(converted.pageCount, 1)).map { cachedPage($0, of: converted.key) }
        if pages.contains(where: { $0 == nil }) {
            let drawn = try draw(converted, pages: nil)
            pages = drawn.map { $0 }
        }
        return Preview(key: converted.key, pageCount: converted.pageCount, pages: pages.compactMap { $0 }, pdf: converted.pdf)
    }

    /// `document` converted to PDF (from the cache, or by the warm LibreOffice), its pages
    /// not drawn yet.
    public func convert(_ document: [UInt8], format: DocumentFormat) throws -> Converted {
        let key = SHA256.hash(document).map { String(format: "%02x", $0) }.joined() + "-\(options.dpi)"
        if let hit = cached(key) { return hit }
        return try queue.withLock {
            // Another caller may have made it while this one waited.
            if let hit = cached(key) { return hit }
            busyFlag.update { $0 = true }
            defer { busyFlag.update { $0 = false } }
            serial += 1
            let input = work.file("document-\(serial).\(format.rawValue)"), pdf = work.file("document-\(serial).pdf")
            // Inside the service's scratch folder (removed by `stop`); removed after each conversion.
            defer { for path in [input, pdf] { try? FileManager.default.removeItem(atPath: path) } }
            guard FileManager.default.createFile(atPath: input, contents: Data(document)) else {
                throw DocFillError("io_error", "cannot write the document to convert", at: SourceLocation(file: input))
            }
            try convert(input, to: pdf)
            let converted = Converted(key: key, pageCount: try PagePreview.pageCount(pdf),
                                      pdf: try Data(contentsOf: URL(fileURLWithPath: pdf)))
            store(converted)
            return converted
        }
    }

    /// Page `number` (1-based) of the document converted under `key`, as PNG: drawn once,
    /// then cached with the document. `page_out_of_range` for a page it lacks;
    /// `preview_failed` when the document is no longer cached (convert it again).
    public func page(_ number: Int, of key: String) throws -> Data {
        if let hit = cachedPage(number, of: key) { return hit }
        guard let converted = cache.value.entries[key]?.converted else {
            throw DocFillError("preview_failed", "the document \(key.prefix(12))… is no longer in the preview cache; convert it again")
        }
        guard (1...max(converted.pageCount, 1)).contains(number) else {
            throw DocFillError("page_out_of_range", "page \(number) does not exist; the document has \(converted.pageCount) page\(converted.pageCount == 1 ? "" : "s")")
        }
        return try draw(converted, pages: [number])[0]
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

    private func cached(_ key: String) -> Converted? {
        let hit = cache.update { state -> Converted? in
            guard let entry = state.entries[key] else { return nil }
            state.order.removeAll { $0 == key }
            state.order.append(key)
            return entry.converted
        }
        if hit != nil { counts.update { $0.cacheHits += 1 } }
        return hit
    }

    private func cachedPage(_ number: Int, of key: String) -> Data? {
        cache.value.entries[key]?.pages[number]
    }

    private func store(_ converted: Converted) {
        cache.update { state in
            state.entries[converted.key] = Entry(converted: converted)
            state.order.append(converted.key)
            while state.order.count > max(options.cacheEntries, 1) {
                state.entries[state.order.removeFirst()] = nil
            }
        }
    }

    /// Draws `pages` (nil: all, in one pdftoppm run) of a converted document and caches them.
    /// Not under the conversion queue: pdftoppm runs beside LibreOffice.
    private func draw(_ converted: Converted, pages: [Int]?) throws -> [Data] {
        let folder = try ScratchFolder("docfill-pages", in: work.path)
        defer { folder.remove() }
        let pdf = folder.file("document.pdf")
        guard FileManager.default.createFile(atPath: pdf, contents: converted.pdf) else {
            throw DocFillError("io_error", "cannot write the PDF to draw", at: SourceLocation(file: pdf))
        }
        let images = folder.file("pages")
        try OutputTarget.makeFolder(images)
        let paths = try pages.map { try PagePreview.render(pdf: pdf, to: images, pages: $0, dpi: options.dpi, stem: "page", timeout: options.timeout) }
            ?? PagePreview.renderAll(pdf: pdf, count: converted.pageCount, to: images, dpi: options.dpi, timeout: options.timeout)
        let numbers = pages ?? Array(1...max(converted.pageCount, 1))
        let drawn = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        counts.update { $0.pagesDrawn += drawn.count }
        cache.update { state in
            for (number, data) in zip(numbers, drawn) { state.entries[converted.key]?.pages[number] = data }
        }
        return drawn
    }
}
