import ArgumentParser
import DocFill
import Foundation

/// Options of the commands that hand documents to LibreOffice.
struct PrintOptions: ParsableArguments {
    @Option(help: "The LibreOffice soffice executable (default: soffice on PATH).") var soffice: String?
    @Option(help: "Seconds one LibreOffice run may take before it is stopped (default: 60 + 15 per document).")
    var pdfTimeout: Double?

    /// Finds soffice now, so that a missing LibreOffice fails before any rendering.
    func converter() throws -> PDFConverter {
        try PDFConverter(sofficePath: soffice, timeout: pdfTimeout)
    }
}

/// Rendering to PDF: the document is rendered into a temporary folder, converted, and only
/// the PDF reaches the output path (atomically; nothing is left there on failure).
enum PDFOutput {
    /// `report.docx` with --pdf becomes `report.pdf`; `report.pdf` stays.
    static func target(_ output: String) -> String {
        let ext = (output as NSString).pathExtension.lowercased()
        return ext == "pdf" ? output : ((ext.isEmpty ? output : (output as NSString).deletingPathExtension) + ".pdf")
    }

    static func render(_ template: DocumentTemplate, _ value: Value, to output: String, options: RenderOptions,
                       converter: PDFConverter) throws {
        try withTemporaryFolder { folder in
            let stem = ((output as NSString).lastPathComponent as NSString).deletingPathExtension
            let document = (folder as NSString).appendingPathComponent(stem + "." + template.format.rawValue)
            try template.render(value, to: document, options: options)
            try converter.convert(document, to: output)
        }
    }

    static func withTemporaryFolder<R>(_ body: (String) throws -> R) throws -> R {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }
}

/// Creates an output folder the user named (and its parents) if it is missing.
func makeFolder(_ path: String) throws {
    do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
        throw DocFillError("io_error", "cannot create the output folder: \(error.localizedDescription)", at: SourceLocation(file: path))
    }
}
