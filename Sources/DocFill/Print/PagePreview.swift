import Foundation

/// PNG images of a PDF's pages (poppler's `pdftoppm`), so a person can look before printing.
public enum PagePreview {
    /// Previews of any document: a PDF (known by its content, so one saved without its
    /// extension is still one) is drawn as it is; a .docx/.odt is converted to PDF first, with
    /// the converter `converter` returns (asked for only then, so a missing LibreOffice fails
    /// only documents that need it). `folder` is created if missing; the images are named
    /// after `file`.
    public static func render(document file: String, to folder: String, pages: [Int]? = nil, dpi: Int = 80,
                              converter: () throws -> PDFConverter) throws -> [String] {
        try OutputTarget.makeFolder(folder)
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        if (try? InputKind.of(file)) == .pdf {
            return try render(pdf: file, to: folder, pages: pages, dpi: dpi, stem: stem)
        }
        return try PDFRender.withPDF(of: file, stem: stem, converter: try converter()) { pdf in
            try render(pdf: pdf, to: folder, pages: pages, dpi: dpi, stem: stem)
        }
    }

    /// Writes `<stem>-<page>.png` into `folder` for each page (all pages when `pages` is nil)
    /// and returns their paths. Images are made in a temporary folder beside them and renamed
    /// in, so an interrupted preview leaves no half image.
    public static func render(pdf: String, to folder: String, pages: [Int]? = nil, dpi: Int = 80,
                              stem: String? = nil, timeout: Double = 120) throws -> [String] {
        let pdftoppm = try ExternalTool.poppler("pdftoppm")
        let count = try pageCount(pdf)
        let wanted = pages ?? Array(1...max(count, 1))
        if let bad = wanted.first(where: { $0 < 1 || $0 > count }) {
            throw DocFillError("page_out_of_range", "page \(bad) does not exist; the document has \(count) page\(count == 1 ? "" : "s")",
                               at: SourceLocation(file: pdf))
        }
        guard (1...2400).contains(dpi) else {
            throw DocFillError("invalid_option", "--dpi must be between 1 and 2400")
        }
        let stem = stem ?? ((pdf as NSString).lastPathComponent as NSString).deletingPathExtension
        let work = try ScratchFolder("docfill-preview", in: folder)
        defer { work.remove() }
        var written: [String] = []
        for page in wanted {
            let prefix = work.file("page-\(page)")
            let outcome = try ToolProcess.run(pdftoppm, ["-png", "-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)",
                                                         "-singlefile", pdf, prefix],
                                              log: work.file("pdftoppm.log"), timeout: timeout)
            guard outcome == .exited(0), FileManager.default.fileExists(atPath: prefix + ".png") else {
                let why = outcome == .timedOut ? "timed out" : ToolProcess.complaints(in: work.file("pdftoppm.log"))
                throw DocFillError("preview_failed", "pdftoppm could not draw page \(page): \(why)", at: SourceLocation(file: pdf))
            }
            let target = (folder as NSString).appendingPathComponent("\(stem)-\(page).png")
            try OutputTarget(target).place(prefix + ".png")
            written.append(target)
        }
        return written
    }

    /// Every page of `pdf` drawn by one pdftoppm run (one process, the PDF parsed once: what
    /// a server previewing whole documents needs), as `<stem>-<page>.png` in `folder`, which
    /// must exist; returns the paths in page order. `count` is the PDF's page count.
    public static func renderAll(pdf: String, count: Int, to folder: String, dpi: Int = 80, stem: String = "page",
                                 timeout: Double = 120) throws -> [String] {
        let pdftoppm = try ExternalTool.poppler("pdftoppm")
        guard (1...2400).contains(dpi) else {
            throw DocFillError("invalid_option", "--dpi must be between 1 and 2400")
        }
        let work = try ScratchFolder("docfill-preview", in: folder)
        defer { work.remove() }
        let prefix = work.file("page")
        let outcome = try ToolProcess.run(pdftoppm, ["-png", "-r", "\(dpi)", pdf, prefix], log: work.file("pdftoppm.log"), timeout: timeout)
        // pdftoppm pads page numbers to the width of the last one: page-01.png … page-23.png.
        let width = String(count).count
        var written: [String] = []
        for page in 1...max(count, 1) {
            let number = String(repeating: "0", count: max(0, width - String(page).count)) + String(page)
            let made = "\(prefix)-\(number).png"
            guard outcome == .exited(0), FileManager.default.fileExists(atPath: made) else {
                let why = outcome == .timedOut ? "timed out" : ToolProcess.complaints(in: work.file("pdftoppm.log"))
                throw DocFillError("preview_failed", "pdftoppm could not draw page \(page): \(why)", at: SourceLocation(file: pdf))
            }
            let target = (folder as NSString).appendingPathComponent("\(stem)-\(page).png")
            try OutputTarget(target).place(made)
            written.append(target)
        }
        return written
    }

    /// The page count, from `pdfinfo`.
    public static func pageCount(_ pdf: String) throws -> Int {
        let pdfinfo = try ExternalTool.poppler("pdfinfo")
        let work = try ScratchFolder("docfill-pdfinfo")
        defer { work.remove() }
        let log = work.file("pdfinfo.log")
        let outcome = try ToolProcess.run(pdfinfo, [pdf], log: log, timeout: 60)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard outcome == .exited(0),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
              let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) else {
            throw DocFillError("not_a_pdf", "cannot read the PDF: \(ToolProcess.complaints(in: log))", at: SourceLocation(file: pdf))
        }
        return count
    }

    /// Parses a page list such as `1,3-4` (1-based, sorted, without repeats).
    public static func parsePages(_ text: String) throws -> [Int] {
        var pages = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let first = bounds.first!, let last = bounds.last!,
                  first >= 1, first <= last else {
                throw DocFillError("invalid_pages", "'\(text)' is not a page list; write pages and ranges like 1,3-4")
            }
            pages.formUnion(first...last)
        }
        return pages.sorted()
    }
}
