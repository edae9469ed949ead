/// Everything a document format's package does differently, as one value per format
/// (`DOCXPackage`, `ODTPackage`, `FlatODTPackage`): the element profile, which parts are
/// templated, which entries are written stored, the steps after a part is rendered, how
/// pictures reach the package, and the document's text for `diff`. The compiler, the renderer
/// and the writer ask the package; no code outside Formats/ branches on the format.
protocol FormatPackage: Sendable {
    var format: DocumentFormat { get }
    /// The element names and rules of the format's text parts.
    var profile: FormatProfile { get }
    /// The extensions naming a document of this format: an output named with another
    /// office extension is refused (`output_format_mismatch`).
    var extensions: Set<String> { get }
    /// False for a document written as one XML file (flat ODT), not a zip package.
    var isArchive: Bool { get }
    /// Entries written stored, not compressed (ODF's `mimetype`).
    var storedEntries: Set<String> { get }
    /// How pictures a render fills in reach the document.
    var mediaPlacement: MediaPlacement { get }

    /// The text parts, in archive order.
    func textParts(_ reader: ZipReader) throws -> [String]
    /// Every part a render fills in and how it is read, in archive order.
    func renderedParts(_ reader: ZipReader) throws -> [(name: String, kind: PackageParts.PartKind)]
    /// Checks an entry while compiling reads every entry once (ODF: the manifest).
    func check(entry name: String, _ data: [UInt8], file: String) throws
    /// The step run on a part's rendered bytes (DOCX main part: `TrailingSection`), if any.
    func postRenderStep(root: XMLElement, kind: PackageParts.PartKind) -> (any PartPostStep)?
    /// The part holding each unique-id space's copied element (DOCX notes), by space index.
    func copiedElementParts(_ reader: ZipReader) throws -> [Int: String]
    /// The relationship ids the parts holding pictures already use (DOCX).
    func reservedRelationshipIDs(_ reader: ZipReader, partsWithImages: [String], file: String) throws -> [String: Set<String>]
    /// The custom document property `name` (see `DocumentProperties`).
    func declaredProperty(_ reader: ZipReader, name: String) throws -> DeclaredProperty?
    /// The document's title property (Dublin Core `dc:title`), nil when it has none.
    func title(_ reader: ZipReader) throws -> String?
    /// The entries to replace and add so that the package lists the render's pictures.
    /// `read` gives a template entry's bytes, or nil if there is no such entry.
    func mediaChanges(_ media: RenderedMedia, file: String, read: (String) throws -> [UInt8]?) throws -> ImagePackage.Changes
    /// The changes an output's extension asks for (DOCX: document or template, macros);
    /// `outputExtension` is nil for standard output. `read` gives an entry's bytes as they
    /// will be written.
    func packageTypeChanges(outputExtension: String?, file: String,
                            read: (String) throws -> [UInt8]?) throws -> WordPackageType.Changes
    /// The document's text, one line per block (see `DocumentText`).
    func documentLines(_ reader: ZipReader) throws -> [String]
    /// The template's styles a rich value uses (DOCX: "List Bullet", "Hyperlink").
    func richStyles(_ reader: ZipReader, file: String) throws -> RichStyles
    /// The part holding the page setup `PageSides` changes (DOCX: settings.xml, ODT:
    /// styles.xml), nil when the package has none.
    func pageSetupPart(_ reader: ZipReader) throws -> String?
    /// Sets `sides` in the page setup part's tree (see `PageSidesSetup`); true when it changed.
    func setPageSides(_ sides: PageSides, in root: XMLElement) -> Bool
}

/// How a format's pictures reach the document.
enum MediaPlacement: Sendable {
    /// Media entries, referenced through a relationship id of the part (DOCX).
    case relationships
    /// Media entries, referenced by their path in the package (ODT).
    case packagePaths
    /// Inside the document, base64 (flat ODT): no entries.
    case inline
}

/// The pictures a render put in the document, as the package must list them.
struct RenderedMedia {
    /// New media entries by name.
    var entries: [String: ImageFile] = [:]
    /// New relationships of each part, in the order they were made: (id, media entry name).
    var relationships: [String: [(id: String, media: String)]] = [:]
    /// External links of each part (rich values, DOCX), in the order they were made: (id, address).
    var links: [String: [(id: String, url: String)]] = [:]
    /// The automatic text styles each part's rich values use (ODF), added to the part after
    /// it is rendered (`RichTextProfile.insertStyles`).
    var textStyles: [String: Set<RichMarks>] = [:]
    /// The automatic paragraph styles of each part's paragraph copies (ODF), by name.
    var paragraphStyles: [String: [String: [UInt8]]] = [:]
}

/// A step run on a part's rendered bytes before they are written.
protocol PartPostStep: Sendable {
    func apply(to out: OutputBuffer)
}

extension FormatPackage {
    var isArchive: Bool { true }
    var storedEntries: Set<String> { [] }
    func check(entry name: String, _ data: [UInt8], file: String) throws {}
    func postRenderStep(root: XMLElement, kind: PackageParts.PartKind) -> (any PartPostStep)? { nil }
    func copiedElementParts(_ reader: ZipReader) throws -> [Int: String] { [:] }
    func reservedRelationshipIDs(_ reader: ZipReader, partsWithImages: [String], file: String) throws -> [String: Set<String>] { [:] }
    func richStyles(_ reader: ZipReader, file: String) throws -> RichStyles { RichStyles() }
    func pageSetupPart(_ reader: ZipReader) throws -> String? { nil }
    func setPageSides(_ sides: PageSides, in root: XMLElement) -> Bool { false }
    func packageTypeChanges(outputExtension: String?, file: String,
                            read: (String) throws -> [UInt8]?) throws -> WordPackageType.Changes { .init() }
}

extension DocumentFormat {
    /// The package value of the format.
    var package: any FormatPackage {
        switch self {
        case .docx: return DOCXPackage()
        case .odt: return ODTPackage()
        case .fodt: return FlatODTPackage()
        }
    }

    /// Every format, for what is true of any of them (the office extensions).
    static let packages: [any FormatPackage] = [DOCXPackage(), ODTPackage(), FlatODTPackage()]

    /// The name in messages: `DOCX`, `ODT`, `flat ODT`.
    var name: String { self == .fodt ? "flat ODT" : rawValue.uppercased() }
}

enum FormatDetection {
    /// The format of a zip package, from its content: ODF's `mimetype` entry or OOXML's
    /// content types. OOXML packages other than WordprocessingML (a workbook, a presentation)
    /// and ODF documents other than text are refused by name (`unknown_format`).
    static func detect(_ reader: ZipReader) throws -> any FormatPackage {
        if let mimetype = reader.entry(named: "mimetype") {
            let text = String(decoding: try reader.read(mimetype), as: UTF8.self).trimmingWhitespace()
            if text.hasPrefix("application/vnd.oasis.opendocument.text") { return ODTPackage() }
            throw DocFillError("unknown_format", "'\(text)' documents are not supported; use a text document (.odt) or .docx",
                               at: SourceLocation(file: reader.file, part: "mimetype"))
        }
        if reader.entry(named: "[Content_Types].xml") != nil {
            if let other = try PackageParts.otherOfficeKind(reader) {
                throw DocFillError("unknown_format", "\(other.phrase) is not supported; use a text document (.docx or .odt)",
                                   at: SourceLocation(file: reader.file))
            }
            return DOCXPackage()
        }
        throw DocFillError("unknown_format", "neither an OOXML (.docx) nor an ODF (.odt) package: no [Content_Types].xml or mimetype entry",
                           at: SourceLocation(file: reader.file))
    }
}
