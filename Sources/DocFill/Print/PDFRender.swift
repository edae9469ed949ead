import Foundation

/// Rendering to PDF: the document is rendered into a temporary folder, converted there by
/// LibreOffice, and only the PDF reaches the output (atomically; nothing is left there on
/// failure). `docfill render --pdf` and a server asking for a PDF take this one path.
public enum PDFRender {
    /// Whether an output named `name` asks for a PDF: it ends in `.pdf`, in any case (as
    /// `render -o` and `batch --name` read it, with or without `--pdf`).
    public static func isRequested(by name: String) -> Bool {
        name.lowercased().hasSuffix(".pdf")
    }

    /// The path a PDF of `output` is written to: `report.docx` becomes `report.pdf`;
    /// `report.pdf` and `-` (standard output) stay as they are.
    public static func target(_ output: String) -> String {
        let ext = (output as NSString).pathExtension.lowercased()
        if output == "-" || ext == "pdf" { return output }
        return (ext.isEmpty ? output : (output as NSString).deletingPathExtension) + ".pdf"
    }

    /// Renders `value` with `template` and writes its PDF to `target`. For standard output the
    /// PDF is made in the temporary folder too (removed after) and then copied out.
    /// `warn` hears once which installed fonts stand in for fonts the document asks for
    /// (`font_substituted`, see `FontSubstitution`).
    public static func render(_ template: DocumentTemplate, _ value: Value, to target: OutputTarget,
                              options: RenderOptions = RenderOptions(), converter: PDFConverter,
                              warn: (Diagnostic) -> Void = { _ in }) throws {
        let work = try ScratchFolder("docfill-render-pdf")
        defer { work.remove() }
        // The document is named after the target, so LibreOffice's messages name it.
        let name = (target.path as NSString).lastPathComponent
        let stem = target.isStandardOutput ? "document" : (name as NSString).deletingPathExtension
        let document = work.file(stem + "." + template.format.rawValue)
        try template.render(value, to: try OutputTarget(document), options: options)
        let substitutes = FontSubstitution.substitutes(for: FontRequests.families(in: document, format: template.format))
        if let note = FontSubstitution.warning(for: substitutes, file: target.isStandardOutput ? "-" : target.path) { warn(note) }
        if !target.isStandardOutput {
            try converter.convert(document, to: target.path)
        } else {
            let pdf = work.file(stem + ".pdf")
            try converter.convert(document, to: pdf)
            try target.place(pdf)
        }
    }

    /// Converts the office document `file` to a PDF named `<stem>.pdf` in a temporary folder,
    /// hands its path to `body`, then removes the folder.
    public static func withPDF<R>(of file: String, stem: String, converter: PDFConverter,
                                  _ body: (_ pdf: String) throws -> R) throws -> R {
        let work = try ScratchFolder("docfill-convert")
        defer { work.remove() }
        let pdf = work.file(stem + ".pdf")
        try converter.convert(file, to: pdf)
        return try body(pdf)
    }
}
