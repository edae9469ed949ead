/// Profiles of parts whose text is shown to a reader but holds values only: document
/// properties and SmartArt text. A section there is `section_not_allowed`; a value's line
/// breaks and tabs are written as characters.
extension FormatProfile {
    /// Document properties (`docProps/core.xml`, `app.xml`, `custom.xml`, ODF `meta.xml`) and
    /// custom XML data (which content controls bound to it show): one text per element, so
    /// every element holding text is a paragraph of its own. The element names differ from
    /// part to part (and custom XML has any), so the profile is made for the parsed part.
    static func properties(of root: XMLElement) -> FormatProfile {
        var names = Set<QName>()
        func visit(_ e: XMLElement) {
            if let qname = e.qname, e.children.contains(where: { ($0 as? XMLText).map { !$0.bytes.allSatisfy(Self.isSpace) } ?? false }) {
                names.insert(qname)
            }
        }
        visit(root)
        root.forEachDescendant(visit)
        // One bit of its own: a properties part is never tested with another profile, and
        // its element names belong to its own parse.
        let holders = NameSetMaker(space: NameCacheSpace.valuesOnly, bits: 4..<5).make(names)
        return valuesOnly(format: .docx, what: "document properties", paragraphs: holders, runs: .empty,
                          textCarriers: holders, propertyElements: .empty)
    }

    /// SmartArt text: the diagram's data (`word/diagrams/data*.xml`, which Word draws from) and
    /// its drawing (`drawing*.xml`, which LibreOffice draws): DrawingML paragraphs, runs and `a:t`.
    static let drawingText: FormatProfile = {
        let a = Namespaces.a
        let names = NameSetMaker(space: NameCacheSpace.valuesOnly, bits: 0..<4)
        return valuesOnly(format: .docx, what: "SmartArt text", paragraphs: names.make(a, ["p"]), runs: names.make(a, ["r"]),
                          textCarriers: names.make(a, ["t"]), propertyElements: names.make(a, ["rPr", "pPr"]))
    }()

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func valuesOnly(format: DocumentFormat, what: String, paragraphs: NameSet, runs: NameSet,
                                   textCarriers: NameSet, propertyElements: NameSet) -> FormatProfile {
        FormatProfile(
            format: format, paragraphs: paragraphs, runs: runs, textCarriers: textCarriers,
            spaceElements: .empty, spaceCountAttribute: nil, lineBreakElements: .empty, ignoredSubtrees: .empty,
            tables: .empty, rowGroups: .empty, rows: .empty, cells: .empty, coveredCells: .empty,
            cellProperties: .empty, verticalMerge: .empty, paragraphContainers: .empty,
            propertyElements: propertyElements, tagOnlyAllowed: .empty, keepParagraph: .empty,
            breakBefore: .empty, paragraphStyleAttribute: nil, transparentWrappers: .empty, wrapperProperties: .empty,
            textBoxes: .empty, explicitLoops: [:], uniqueOnSplit: [],
            lineBreak: { _ in "\n" }, tab: { _ in "\t" },
            spaceRule: .asWritten, emptyParagraph: { _ in "" },
            images: .none, plainTextCarriers: textCarriers, valuesOnly: what)
    }
}

extension ImageProfile {
    /// No pictures are filled in.
    static let none = ImageProfile(
        drawings: .empty, pictures: .empty, compatibilityWrappers: .empty, compatibilityChoices: .empty,
        plainPictures: .empty, altTextAttributes: [], altTextElements: .empty, attributeFields: [:], textFields: [:],
        lengthsInEMU: true, mediaFolder: "")
}
