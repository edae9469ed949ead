import Foundation

/// What a file given as input is, read from its content (the first bytes and, for a zip, the
/// entry names of its central directory), never from its name. Every command checks its
/// template and its data with this before anything else, so a PDF, a spreadsheet or two
/// swapped arguments get one line naming what the file is and what was expected, instead of
/// a parser's complaint about bytes.
public enum InputKind: Sendable, Equatable {
    /// A folder, not a file.
    case folder
    /// A Word document (Office Open XML wordprocessing package).
    case docx
    /// An OpenDocument text package.
    case odt
    /// A flat OpenDocument text file: one XML document, no archive.
    case flatODT
    /// A PDF, which is an output of DocFill, never an input.
    case pdf
    /// An OLE2 compound file: Word 97–2003 `.doc`, Excel `.xls`, PowerPoint `.ppt`.
    case legacyOffice
    /// An Excel workbook (Office Open XML spreadsheet package).
    case xlsx
    /// A PowerPoint presentation (Office Open XML presentation package).
    case pptx
    /// An OpenDocument package that is not a text document (spreadsheet, presentation…).
    case otherODF
    /// A zip archive of no kind recognised here.
    case zip
    /// Anything else: text templates and data are this.
    case other

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// The central directory of an office file fits in this (a few dozen entries).
    static let tailBytes = 256 << 10

    /// The kind of the file at `path`; nil when there is no such file.
    public static func of(_ path: String) throws -> InputKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR { return .folder }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocFillError("io_error", "cannot read the file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        do {
            let head = [UInt8](try handle.read(upToCount: 4096) ?? Data())
            guard head.starts(with: zipMagic) else { return of(head: head, tail: []) }
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0)
            return of(head: head, tail: [UInt8](try handle.readToEnd() ?? Data()))
        } catch {
            throw DocFillError("io_error", "cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
    }

    /// The kind of bytes already in memory (a data file, standard input).
    public static func of(bytes: [UInt8]) -> InputKind {
        of(head: Array(bytes.prefix(4096)), tail: bytes.starts(with: zipMagic) ? Array(bytes.suffix(tailBytes)) : [])
    }

    static func of(head: [UInt8], tail: [UInt8]) -> InputKind {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: ole2Magic) { return .legacyOffice }
        if head.starts(with: zipMagic) { return zipKind(head: head, tail: tail) }
        return FlatODF.isFlat(head) ? .flatODT : .other
    }

    /// ODF stores `mimetype` first and uncompressed, so its value is in the first bytes;
    /// OOXML is told by the folder of its main part, named in the central directory.
    private static func zipKind(head: [UInt8], tail: [UInt8]) -> InputKind {
        let start = String(decoding: head.prefix(200), as: UTF8.self)
        if start.contains("mimetypeapplication/vnd.oasis.opendocument.") {
            return start.contains("mimetypeapplication/vnd.oasis.opendocument.text") ? .odt : .otherODF
        }
        if Lexer.find(Array("word/document.xml".utf8), in: tail, from: 0) != nil { return .docx }
        if Lexer.find(Array("xl/workbook.xml".utf8), in: tail, from: 0) != nil { return .xlsx }
        if Lexer.find(Array("ppt/presentation.xml".utf8), in: tail, from: 0) != nil { return .pptx }
        return .zip
    }

    /// What the file is, for messages ("a PDF document").
    public var phrase: String {
        switch self {
        case .folder: return "a folder"
        case .docx: return "a DOCX document"
        case .odt: return "an ODT document"
        case .flatODT: return "a flat ODT document"
        case .pdf: return "a PDF document"
        case .legacyOffice: return "a legacy binary Office file (Word 97-2003 .doc, .xls or .ppt)"
        case .xlsx: return "an Excel workbook (XLSX)"
        case .pptx: return "a PowerPoint presentation (PPTX)"
        case .otherODF: return "an OpenDocument file that is not a text document (a spreadsheet or presentation)"
        case .zip: return "a zip archive"
        case .other: return "a text file"
        }
    }

    var isDocument: Bool { [.docx, .odt, .flatODT].contains(self) }

    static let templateExpected = "a template must be a .docx, .odt, .fodt or text file"
    static let dataExpected = "data must be JSON or YAML"

    /// Refuses what is surely no template: a folder, a PDF, a legacy or non-text office file.
    /// Documents, zips (the compiler says what is wrong with them) and other files pass.
    func refuseAsTemplate(_ path: String) throws {
        switch self {
        case .docx, .odt, .flatODT, .zip, .other: return
        case .folder, .pdf, .legacyOffice, .xlsx, .pptx, .otherODF: throw Self.wrongTemplate(phrase, path)
        }
    }

    static func wrongTemplate(_ what: String, _ path: String) -> DocFillError {
        DocFillError("wrong_input_kind", "\(what); \(templateExpected)", at: SourceLocation(file: path))
    }

    /// Refuses bytes that are surely not JSON or YAML (an office document, a PDF, a zip),
    /// where data is expected. A document there most often means TEMPLATE and DATA swapped.
    public static func checkData(_ bytes: [UInt8], file: String) throws {
        let kind = of(bytes: bytes)
        guard kind != .other else { return }
        let hint = kind.isDocument ? " (the template comes first, then the data)" : ""
        throw DocFillError("wrong_input_kind", "\(kind.phrase); \(dataExpected)\(hint)", at: SourceLocation(file: file))
    }
}

/// Whether a template file is an office package or plain text, from its content. Files that
/// are surely no template (a PDF, a legacy .doc, a spreadsheet, a folder, a data file without
/// a tag) are refused with `wrong_input_kind`.
public enum TemplateKind: Sendable, Equatable {
    /// A DOCX, ODT or flat ODT document, rendered by ``DocumentTemplate``.
    case document
    /// Plain text with tags, rendered by ``TextTemplate``.
    case text

    static let officeExtensions: Set<String> = DocumentFormat.packages.reduce(into: []) { $0.formUnion($1.extensions) }
    static let dataExtensions: Set<String> = ["json", "yaml", "yml", "jsonl", "ndjson"]

    /// The kind of the template at `path`, or `wrong_input_kind` thrown for a file that is surely no template.
    ///
    /// - Parameters:
    ///   - path: the template file.
    ///   - delimiters: the delimiters in force: a file named like data (`.json`,
    ///     `.yaml`) is a text template only if it holds their opening marker.
    public static func of(_ path: String, delimiters: Delimiters = .mustache) throws -> TemplateKind {
        guard let kind = try InputKind.of(path) else {
            throw DocFillError("io_error", "cannot read the template: no such file", at: SourceLocation(file: path))
        }
        try kind.refuseAsTemplate(path)
        if kind != .other { return .document }
        let ext = (path as NSString).pathExtension.lowercased()
        // A damaged office file is still meant as one: the compiler says what is wrong with it.
        if officeExtensions.contains(ext) { return .document }
        if dataExtensions.contains(ext), let text = try? String(contentsOfFile: path, encoding: .utf8),
           !text.contains(String(decoding: delimiters.open, as: UTF8.self)) {
            throw InputKind.wrongTemplate("a data file (\(ext == "yml" ? "YAML" : ext.uppercased())) with no tag", path)
        }
        return .text
    }
}
