/// A set of element names a profile tests elements against (paragraphs, rows, …). Each set
/// has its own bit in its profile's cache space, under which an `ElementName` remembers the
/// answer (see `ElementName.cachedMembership`).
struct NameSet: Sendable {
    let names: Set<QName>
    /// The cache space of the profile the set belongs to (see `NameCacheSpace`).
    let space: UInt32
    /// 0 for an empty set (nothing is in it: no answer needs remembering).
    let bit: UInt64

    static let empty = NameSet(names: [], space: 0, bit: 0)
}

/// The cache spaces of element-name answers: each has 64 bits of its own. The sets tested
/// against one tree share a space (a DOCX part is tested with the DOCX text, picture and
/// unique-id sets), so answers are not forgotten while one tree is compiled; a new profile
/// takes a new space and has all 64 bits.
enum NameCacheSpace {
    static let docx: UInt32 = 1
    static let odt: UInt32 = 2
    /// Parts holding values only (document properties, SmartArt text): never tested with
    /// another profile.
    static let valuesOnly: UInt32 = 3
}

/// Hands out name sets with bits of their own. Every profile draws from its own range of
/// its space, so a name never confuses two sets even where a tree were tested with two profiles.
final class NameSetMaker {
    private let space: UInt32
    private var next: Int
    private let end: Int

    init(space: UInt32, bits range: Range<Int>) {
        precondition(range.upperBound <= 64, "a cache space has 64 bits")
        self.space = space; next = range.lowerBound; end = range.upperBound
    }

    func make(_ names: Set<QName>) -> NameSet {
        if names.isEmpty { return .empty }
        precondition(next < end, "a profile has more name sets than bits")
        defer { next += 1 }
        return NameSet(names: names, space: space, bit: 1 << UInt64(next))
    }

    func make(_ namespace: String, _ locals: [String]) -> NameSet {
        make(Set(locals.map { QName(namespace: namespace, local: $0) }))
    }
}

extension ElementName {
    func isIn(_ set: NameSet) -> Bool {
        cachedMembership(space: set.space, bit: set.bit) { set.names.contains($0) }
    }
}

extension XMLElement {
    func matches(_ set: NameSet) -> Bool { elementName.isIn(set) }
}

/// Everything that differs between DOCX and ODT for the engine, as data: which parts hold
/// text and which elements are paragraphs, runs, text, breaks, tables, rows and cells.
/// The compiler and the renderer read only this, so both formats share every other line.
/// A class, not a struct: the compiler passes it into every tree walk and closure, and a
/// struct of some forty sets cost forty retains and releases per pass (a fifth of compile time).
final class FormatProfile: Sendable {
    let format: DocumentFormat
    let paragraphs: NameSet
    let runs: NameSet
    /// Elements whose direct text children are document text (w:t; text:p, text:span…).
    let textCarriers: NameSet
    /// Elements standing for runs of spaces (`text:s`, count in `spaceCountAttribute`).
    let spaceElements: NameSet
    let spaceCountAttribute: String?
    /// Line breaks that are markup (`w:br`, `w:cr`; `text:line-break`): shown as `\n` in messages.
    let lineBreakElements: NameSet
    /// Subtrees whose text is not document text: annotations, deleted text, tracked changes.
    let ignoredSubtrees: NameSet
    let tables: NameSet
    /// Groups of rows inside a table (ODF header rows); a row loop may sit inside one.
    let rowGroups: NameSet
    let rows: NameSet
    let cells: NameSet
    /// Cells merged away (ODF `table:covered-table-cell`); their text belongs to another cell.
    let coveredCells: NameSet
    /// Cell property elements (`w:tcPr`) and the vertical merge mark in them (`w:vMerge`):
    /// a mark other than `restart` continues the cell above.
    let cellProperties: NameSet
    let verticalMerge: NameSet
    /// Containers that must keep at least one paragraph (a table cell, a text box, a header).
    let paragraphContainers: NameSet
    /// Children copied onto both halves when an element is split (run and paragraph properties).
    let propertyElements: NameSet
    /// Elements a paragraph may hold and still count as holding only tags (and vanish).
    let tagOnlyAllowed: NameSet
    /// Elements that make a paragraph structural (a section break): it is never removed.
    let keepParagraph: NameSet
    /// Paragraph properties that start a page before the paragraph (`w:pageBreakBefore`): of
    /// a split paragraph only the first piece keeps them (and is kept for them).
    let breakBefore: NameSet
    /// ODF: the paragraph attribute naming its style (`text:style-name`), whose automatic
    /// style may break the page before or after it (`fo:break-before`, `fo:break-after`).
    let paragraphStyleAttribute: String?
    /// Wrappers that may stand around rows, cells and paragraphs (DOCX content controls
    /// `w:sdt`/`w:sdtContent`, `w:customXml`): the structural rules see through them.
    let transparentWrappers: NameSet
    /// Properties of wrappers and rows (`w:sdtPr`, `w:trPr`): a piece of a split paragraph or
    /// a row holding only these besides tags and whitespace vanishes.
    let wrapperProperties: NameSet
    /// Text boxes: each is a text of its own, where sections pair apart from the text around it.
    let textBoxes: NameSet
    /// The branches of DOCX markup compatibility (`mc:Choice`, `mc:Fallback` of an
    /// `mc:AlternateContent`): two versions of one content, each a tag scope of its own. A tag
    /// is not joined across their boundary and a section pairs within one branch (or outside).
    let alternateBranches: NameSet
    /// docxtemplater's explicit loops (`{-w:p items}`): the element names a loop may repeat.
    let explicitLoops: [String: ExplicitLoopElement]
    /// Attributes a split element's second piece does not copy: ids that must stay unique.
    let uniqueOnSplit: Set<String>
    /// The markup a value's line break and tab become, given the prefix in use.
    let lineBreak: @Sendable (_ prefix: String) -> String
    let tab: @Sendable (_ prefix: String) -> String
    /// How spaces at the edges of text and runs of spaces survive a reader (see `TextSpaces`).
    let spaceRule: SpaceRule
    let emptyParagraph: @Sendable (_ prefix: String) -> String
    /// Pictures filled from data (see `ImageProfile`).
    let images: ImageProfile
    /// Carriers whose content is character data only (ODF `text:text-input`): a value's line
    /// breaks, tabs and spaces are written there as characters, not markup.
    let plainTextCarriers: NameSet
    /// Parts whose text holds values only (document properties, SmartArt text): what they are
    /// called in the message a section there gets (`section_not_allowed`); nil elsewhere.
    let valuesOnly: String?
    /// Attributes holding ids that must stay unique when content repeats (see `UniqueIDProfile`).
    let uniqueIDs: UniqueIDProfile
    /// How rich values are written (runs with marks, links); nil where values are plain text.
    let rich: RichTextProfile?
    /// How tables are shaped again after a render (column loops, spans from data); nil where
    /// a part has no tables.
    let tableFormat: (any TableFormat)?

    init(format: DocumentFormat, paragraphs: NameSet, runs: NameSet, textCarriers: NameSet, spaceElements: NameSet,
         spaceCountAttribute: String?, lineBreakElements: NameSet, ignoredSubtrees: NameSet, tables: NameSet,
         rowGroups: NameSet, rows: NameSet, cells: NameSet, coveredCells: NameSet, cellProperties: NameSet,
         verticalMerge: NameSet, paragraphContainers: NameSet, propertyElements: NameSet, tagOnlyAllowed: NameSet,
         keepParagraph: NameSet, breakBefore: NameSet, paragraphStyleAttribute: String?, transparentWrappers: NameSet,
         wrapperProperties: NameSet, textBoxes: NameSet, alternateBranches: NameSet = .empty,
         explicitLoops: [String: ExplicitLoopElement], uniqueOnSplit: Set<String>,
         lineBreak: @escaping @Sendable (_ prefix: String) -> String,
         tab: @escaping @Sendable (_ prefix: String) -> String, spaceRule: SpaceRule,
         emptyParagraph: @escaping @Sendable (_ prefix: String) -> String, images: ImageProfile,
         plainTextCarriers: NameSet = .empty, valuesOnly: String? = nil, uniqueIDs: UniqueIDProfile = .none,
         rich: RichTextProfile? = nil, tableFormat: (any TableFormat)? = nil) {
        self.format = format
        self.paragraphs = paragraphs
        self.runs = runs
        self.textCarriers = textCarriers
        self.spaceElements = spaceElements
        self.spaceCountAttribute = spaceCountAttribute
        self.lineBreakElements = lineBreakElements
        self.ignoredSubtrees = ignoredSubtrees
        self.tables = tables
        self.rowGroups = rowGroups
        self.rows = rows
        self.cells = cells
        self.coveredCells = coveredCells
        self.cellProperties = cellProperties
        self.verticalMerge = verticalMerge
        self.paragraphContainers = paragraphContainers
        self.propertyElements = propertyElements
        self.tagOnlyAllowed = tagOnlyAllowed
        self.keepParagraph = keepParagraph
        self.breakBefore = breakBefore
        self.paragraphStyleAttribute = paragraphStyleAttribute
        self.transparentWrappers = transparentWrappers
        self.wrapperProperties = wrapperProperties
        self.textBoxes = textBoxes
        self.alternateBranches = alternateBranches
        self.explicitLoops = explicitLoops
        self.uniqueOnSplit = uniqueOnSplit
        self.lineBreak = lineBreak
        self.tab = tab
        self.spaceRule = spaceRule
        self.emptyParagraph = emptyParagraph
        self.images = images
        self.plainTextCarriers = plainTextCarriers
        self.valuesOnly = valuesOnly
        self.uniqueIDs = uniqueIDs
        self.rich = rich
        self.tableFormat = tableFormat
    }

    /// This profile with other rich-text rules (the template's bullet style, found in styles.xml).
    func replacing(rich: RichTextProfile?) -> FormatProfile {
        FormatProfile(format: self.format, paragraphs: self.paragraphs, runs: self.runs, textCarriers: self.textCarriers,
                      spaceElements: self.spaceElements, spaceCountAttribute: self.spaceCountAttribute,
                      lineBreakElements: self.lineBreakElements, ignoredSubtrees: self.ignoredSubtrees,
                      tables: self.tables, rowGroups: self.rowGroups, rows: self.rows, cells: self.cells,
                      coveredCells: self.coveredCells, cellProperties: self.cellProperties,
                      verticalMerge: self.verticalMerge, paragraphContainers: self.paragraphContainers,
                      propertyElements: self.propertyElements, tagOnlyAllowed: self.tagOnlyAllowed,
                      keepParagraph: self.keepParagraph, breakBefore: self.breakBefore,
                      paragraphStyleAttribute: self.paragraphStyleAttribute, transparentWrappers: self.transparentWrappers,
                      wrapperProperties: self.wrapperProperties, textBoxes: self.textBoxes,
                      alternateBranches: self.alternateBranches, explicitLoops: self.explicitLoops,
                      uniqueOnSplit: self.uniqueOnSplit, lineBreak: self.lineBreak, tab: self.tab,
                      spaceRule: self.spaceRule, emptyParagraph: self.emptyParagraph, images: self.images,
                      plainTextCarriers: self.plainTextCarriers, valuesOnly: self.valuesOnly, uniqueIDs: self.uniqueIDs,
                      rich: rich, tableFormat: self.tableFormat)
    }
}

/// What an explicit loop's element name stands for.
enum ExplicitLoopElement: Sendable {
    case paragraph, row, cell
}

/// How a format keeps the spaces of text DocFill writes or cuts.
enum SpaceRule: Sendable {
    /// DOCX: a text element whose text starts or ends with whitespace (or that holds a value)
    /// carries `xml:space="preserve"`, or readers drop those spaces.
    case preserveAttribute
    /// ODF: readers collapse runs of spaces and drop leading ones; such spaces are written as
    /// `<text:s/>` / `<text:s text:c="N"/>`.
    case spaceElements
    /// Parts whose text is kept as written (document properties, SmartArt text): nothing to add.
    case asWritten
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
    let drawings: NameSet
    /// A drawing is a picture when it holds one of these (`a:blip`; `draw:image`).
    let pictures: NameSet
    /// DOCX markup compatibility: a drawing that is a `mc:Choice` of an `mc:AlternateContent`
    /// (`compatibilityChoices`, `compatibilityWrappers`) and holds a plain picture
    /// (`plainPictures`, `pic:pic`) replaces the whole wrapper: the `mc:Fallback` (VML, which
    /// LibreOffice writes beside pictures) would go on showing the placeholder's picture.
    let compatibilityWrappers: NameSet
    let compatibilityChoices: NameSet
    let plainPictures: NameSet
    /// Alt text held in attributes (`wp:docPr/@descr`, `@title`, `pic:cNvPr/@descr`).
    let altTextAttributes: Set<ElementAttribute>
    /// Alt text held as element text (`svg:desc`, `svg:title`).
    let altTextElements: NameSet
    /// Attribute values a render fills in.
    let attributeFields: [ElementAttribute: ImageField]
    /// Element text a render fills in.
    let textFields: [QName: ImageField]
    /// Lengths are integer EMU (DOCX) or ODF measures with a unit (`2.5cm`).
    let lengthsInEMU: Bool
    /// Folder of new media entries inside the package.
    let mediaFolder: String
}

/// The document formats DocFill reads and writes, named by their usual file extension.
public enum DocumentFormat: String, Sendable {
    /// Word's Office Open XML document, a zip archive.
    case docx
    /// An OpenDocument text document, a zip archive.
    case odt
    /// A flat OpenDocument text document: one XML file, no archive.
    case fodt
}
