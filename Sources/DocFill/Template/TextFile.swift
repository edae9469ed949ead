import Foundation

/// Whether a template file is an office package or plain text, from its content: office
/// extensions must be zip archives; other files are zip archives if they start like one.
public enum TemplateKind: Sendable, Equatable {
    case document, text

    static let officeExtensions: Set<String> = ["docx", "docm", "dotx", "dotm", "odt", "ott", "fodt"]

    public static func of(_ path: String) throws -> TemplateKind {
        if officeExtensions.contains((path as NSString).pathExtension.lowercased()) { return .document }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocFillError("io_error", "cannot read the template", at: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 4096))
        return head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || FlatODF.isFlat(head) ? .document : .text
    }
}

/// Renders a plain-text template file to a file, atomically.
public enum TextFile {
    public static func render(template: String, data: Value, output: String, delimiters: Delimiters = .mustache,
                              options: RenderOptions = RenderOptions()) throws {
        try OutputFile.refuseOverwritingTemplate(output: output, template: template)
        guard let source = try? String(contentsOfFile: template, encoding: .utf8) else {
            throw DocFillError("invalid_utf8", "the text template is not readable UTF-8", at: SourceLocation(file: template))
        }
        let text = try TextTemplate(source, file: template, delimiters: delimiters, filters: options.filters)
            .render(data, options: options)
        try OutputFile.writeAtomically(to: output) { temp in
            guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
                throw DocFillError("io_error", "cannot write the output", at: SourceLocation(file: output))
            }
        }
    }
}
