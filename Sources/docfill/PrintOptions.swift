import ArgumentParser
import DocFill
import Foundation

/// Options of the commands that hand documents to LibreOffice.
struct PrintOptions: ParsableArguments {
    @Option(help: "The LibreOffice soffice executable (default: soffice on PATH).") var soffice: String?
    // Unconditional: `--pdf-timeout -5` reaches `check()` (a one-line error) instead of
    // being taken for an option.
    @Option(parsing: .unconditional, help: "Seconds one LibreOffice run may take before it is stopped (default: 60 + 15 per document).")
    var pdfTimeout: Double?

    /// Refuses a time limit that is not a positive number of seconds.
    func check() throws {
        if let pdfTimeout, !(pdfTimeout.isFinite && pdfTimeout > 0) {
            throw DocFillError("invalid_option", "--pdf-timeout must be a number of seconds above 0")
        }
    }

    /// Finds soffice now, so that a missing LibreOffice fails before any rendering.
    func converter() throws -> PDFConverter {
        try check()
        return try PDFConverter(sofficePath: soffice, timeout: pdfTimeout)
    }
}

/// Rendering to PDF: the document is rendered into a temporary folder, converted, and only
/// the PDF reaches the output path (atomically; nothing is left there on failure).
enum PDFOutput {
    /// `report.docx` with --pdf becomes `report.pdf`; `report.pdf` and `-` stay.
    static func target(_ output: String) -> String {
        let ext = (output as NSString).pathExtension.lowercased()
        if output == "-" || ext == "pdf" { return output }
        return (ext.isEmpty ? output : (output as NSString).deletingPathExtension) + ".pdf"
    }

    /// For standard output the PDF is made in the temporary folder too (removed after) and
    /// then copied out.
    static func render(_ template: DocumentTemplate, _ value: Value, to target: OutputTarget, options: RenderOptions,
                       converter: PDFConverter) throws {
        try withTemporaryFolder { folder in
            let name = (target.path as NSString).lastPathComponent
            let stem = target.isStandardOutput ? "document" : (name as NSString).deletingPathExtension
            let document = (folder as NSString).appendingPathComponent(stem + "." + template.format.rawValue)
            try template.render(value, to: try OutputTarget(document), options: options)
            if !target.isStandardOutput {
                try converter.convert(document, to: target.path)
            } else {
                let pdf = (folder as NSString).appendingPathComponent(stem + ".pdf")
                try converter.convert(document, to: pdf)
                try target.place(pdf)
            }
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
