/// An element name with its namespace, so that matching does not depend on prefixes.
/// The hash is computed once: compiling tests every element against several of these sets,
/// and hashing two strings on every test showed up as a large share of compile time.
struct QName: Hashable, Sendable {
    let namespace: String
    let local: String
    private let hash: Int

    init(namespace: String, local: String) {
        self.namespace = namespace; self.local = local
        var hasher = Hasher()
        hasher.combine(namespace); hasher.combine(local)
        hash = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (a: QName, b: QName) -> Bool {
        a.hash == b.hash && a.local == b.local && a.namespace == b.namespace
    }
}

extension XMLElement {
    func matches(_ set: Set<QName>) -> Bool {
        guard let qname else { return false }
        return set.contains(qname)
    }
}

/// Everything that differs between DOCX and ODT for the engine, as data: which parts hold
/// text and which elements are paragraphs, runs, text, breaks, tables, rows and cells.
/// The compiler and the renderer read only this, so both formats share every other line.
struct FormatProfile: Sendable {
    let format: DocumentFormat
    let paragraphs: Set<QName>
    let runs: Set<QName>
    /// Elements whose direct text children are document text (w:t; text:p, text:span…).
    let textCarriers: Set<QName>
    /// Elements standing for runs of spaces (`text:s`, count in `spaceCountAttribute`).
    let spaceElements: Set<QName>
    let spaceCountAttribute: String?
    /// Subtrees whose text is not document text: annotations, deleted text, tracked changes.
    let ignoredSubtrees: Set<QName>
    let tables: Set<QName>
    /// Groups of rows inside a table (ODF header rows); a row loop may sit inside one.
    let rowGroups: Set<QName>
    let rows: Set<QName>
    let cells: Set<QName>
    /// Cells merged away (ODF `table:covered-table-cell`); their text belongs to another cell.
    let coveredCells: Set<QName>
    /// Cell property elements (`w:tcPr`) and the vertical merge mark in them (`w:vMerge`):
    /// a mark other than `restart` continues the cell above.
    let cellProperties: Set<QName>
    let verticalMerge: Set<QName>
    /// Containers that must keep at least one paragraph (a table cell, a text box, a header).
    let paragraphContainers: Set<QName>
    /// Children copied onto both halves when an element is split (run and paragraph properties).
    let propertyElements: Set<QName>
    /// Elements a paragraph may hold and still count as holding only tags (and vanish).
    let tagOnlyAllowed: Set<QName>
    /// Elements that make a paragraph structural (a section break): it is never removed.
    let keepParagraph: Set<QName>
    /// The markup a value's line break and tab become, given the prefix in use.
    let lineBreak: @Sendable (_ prefix: String) -> String
    let tab: @Sendable (_ prefix: String) -> String
    /// DOCX text elements need xml:space="preserve" to keep leading/trailing spaces.
    let preserveSpaceOnCarrier: Bool
    /// ODF collapses runs of spaces; they are written as `text:s`.
    let encodesSpaces: Bool
    let emptyParagraph: @Sendable (_ prefix: String) -> String
    /// Pictures filled from data (see `ImageProfile`).
    let images: ImageProfile
}

/// An attribute (by local name) of an element (by namespace and local name).
struct ElementAttribute: Hashable, Sendable {
    let element: QName
    let attribute: String
}

/// The values of a placeholder picture a render fills in.
enum ImageField: Hashable, Sendable {
    /// DOCX `a:blip/@r:embed` (a relationship id); ODT `draw:image/@xlink:href` (a path).
    case reference
    /// The box: DOCX EMU in `wp:extent` and `a:ext`; ODT `svg:width`/`svg:height` with a unit.
    case width, height
    /// DOCX `wp:docPr/@id`, unique in the document.
    case uniqueID
    /// ODT `draw:image/@draw:mime-type`.
    case mimeType
    /// Flat ODT: the picture inline, base64, as the text of `office:binary-data`.
    case embeddedData
}

/// What DOCX and ODT pictures look like, as data: the image code reads only this.
struct ImageProfile: Sendable {
    /// Drawing elements that may be placeholders (`w:drawing`; `draw:frame`).
    let drawings: Set<QName>
    /// A drawing is a picture when it holds one of these (`a:blip`; `draw:image`).
    let pictures: Set<QName>
    /// Alt text held in attributes (`wp:docPr/@descr`, `@title`, `pic:cNvPr/@descr`).
    let altTextAttributes: Set<ElementAttribute>
    /// Alt text held as element text (`svg:desc`, `svg:title`).
    let altTextElements: Set<QName>
    /// Attribute values a render fills in.
    let attributeFields: [ElementAttribute: ImageField]
    /// Element text a render fills in.
    let textFields: [QName: ImageField]
    /// Where the largest template id is read, so new ids start above it.
    let uniqueIDAttribute: ElementAttribute?
    /// Lengths are integer EMU (DOCX) or ODF measures with a unit (`2.5cm`).
    let lengthsInEMU: Bool
    /// Folder of new media entries inside the package.
    let mediaFolder: String
}

public enum DocumentFormat: String, Sendable {
    case docx, odt, fodt
}
