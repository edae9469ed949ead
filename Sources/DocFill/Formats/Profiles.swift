enum Namespaces {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    static let svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    static let wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
}

extension FormatProfile {
    static let docx: FormatProfile = {
        let w = Namespaces.w
        let names = NameSetMaker(space: NameCacheSpace.docx, bits: 0..<24)
        return FormatProfile(
            format: .docx,
            paragraphs: names.make(w, ["p"]),
            runs: names.make(w, ["r"]),
            textCarriers: names.make(w, ["t"]),
            spaceElements: .empty,
            spaceCountAttribute: nil,
            lineBreakElements: names.make(w, ["br", "cr"]),
            ignoredSubtrees: names.make(w, ["del", "moveFrom", "instrText", "delText"]),
            tables: names.make(w, ["tbl"]),
            rowGroups: .empty,
            rows: names.make(w, ["tr"]),
            cells: names.make(w, ["tc"]),
            coveredCells: .empty,
            cellProperties: names.make(w, ["tcPr"]),
            verticalMerge: names.make(w, ["vMerge"]),
            paragraphContainers: names.make(w, ["tc", "txbxContent", "hdr", "ftr", "footnote", "endnote", "comment", "sdtContent"]),
            propertyElements: names.make(w, ["rPr", "pPr"]),
            // Checked outside property elements: what is inside pPr/rPr never matters.
            tagOnlyAllowed: names.make(w, ["pPr", "rPr", "r", "t", "proofErr", "bookmarkStart", "bookmarkEnd",
                                      "lastRenderedPageBreak", "ins", "moveTo", "smartTag", "permStart", "permEnd"]),
            keepParagraph: names.make(w, ["sectPr"]),
            breakBefore: names.make(w, ["pageBreakBefore"]),
            paragraphStyleAttribute: nil,
            transparentWrappers: names.make(w, ["sdt", "sdtContent", "customXml"]),
            wrapperProperties: names.make(w, ["sdtPr", "sdtEndPr", "customXmlPr", "trPr", "tblPrEx"]),
            textBoxes: names.make(w, ["txbxContent"]),
            alternateBranches: names.make(Namespaces.mc, ["Choice", "Fallback"]),
            explicitLoops: ["w:p": .paragraph, "w:tr": .row, "w:tc": .cell],
            uniqueOnSplit: ["paraId", "textId"],
            lineBreak: { p in "</\(p):t><\(p):br/><\(p):t xml:space=\"preserve\">" },
            tab: { p in "</\(p):t><\(p):tab/><\(p):t xml:space=\"preserve\">" },
            spaceRule: .preserveAttribute,
            emptyParagraph: { p in "<\(p):p/>" },
            images: .docx,
            uniqueIDs: .docx,
            rich: .docx,
            tableFormat: DOCXTableFormat())
    }()

    static let odt: FormatProfile = {
        let t = Namespaces.text, tb = Namespaces.table, o = Namespaces.office
        let names = NameSetMaker(space: NameCacheSpace.odt, bits: 0..<24)
        let metaTexts = (dc: ["title", "subject", "description", "creator"], meta: ["keyword", "user-defined", "initial-creator"])
        func union(_ sets: [(String, [String])]) -> NameSet {
            names.make(Set(sets.flatMap { ns, locals in locals.map { QName(namespace: ns, local: $0) } }))
        }
        return FormatProfile(
            format: .odt,
            // Flat ODT holds its document properties too (`office:meta`): each is a paragraph of
            // its own, holding characters only (packages have them in meta.xml, see `properties`).
            paragraphs: union([(t, ["p", "h"]), (Namespaces.dc, metaTexts.dc), (Namespaces.meta, metaTexts.meta)]),
            runs: names.make(t, ["span"]),
            // Input fields and annotated text (`text:meta`) show their text like a span.
            textCarriers: union([(t, ["p", "h", "span", "a", "ruby-base", "text-input", "meta", "meta-field"]),
                                 (Namespaces.dc, metaTexts.dc), (Namespaces.meta, metaTexts.meta)]),
            spaceElements: names.make(t, ["s"]),
            spaceCountAttribute: "c",
            lineBreakElements: names.make(t, ["line-break"]),
            ignoredSubtrees: union([(o, ["annotation", "annotation-end"]), (t, ["tracked-changes", "note-citation"])]),
            tables: names.make(tb, ["table"]),
            rowGroups: names.make(tb, ["table-header-rows", "table-rows", "table-row-group"]),
            rows: names.make(tb, ["table-row"]),
            cells: names.make(tb, ["table-cell", "covered-table-cell"]),
            coveredCells: names.make(tb, ["covered-table-cell"]),
            cellProperties: .empty,
            verticalMerge: .empty,
            paragraphContainers: union([(tb, ["table-cell"]), (t, ["list-item", "note-body", "section"]),
                                        (Namespaces.draw, ["text-box"])]),
            propertyElements: .empty,
            tagOnlyAllowed: names.make(t, ["span", "s", "soft-page-break", "bookmark", "bookmark-start", "bookmark-end",
                                      "change-start", "change-end", "change", "text-input", "meta", "meta-field",
                                      "list", "list-item", "list-header"]),
            keepParagraph: .empty,
            breakBefore: .empty,
            paragraphStyleAttribute: "style-name",
            transparentWrappers: .empty,
            wrapperProperties: .empty,
            textBoxes: names.make(Namespaces.draw, ["text-box"]),
            explicitLoops: ["text:p": .paragraph, "text:h": .paragraph,
                            "table:table-row": .row, "table:table-cell": .cell],
            uniqueOnSplit: ["id"],
            lineBreak: { p in "<\(p):line-break/>" },
            tab: { p in "<\(p):tab/>" },
            spaceRule: .spaceElements,
            emptyParagraph: { p in "<\(p):p/>" },
            images: .odt,
            plainTextCarriers: union([(t, ["text-input"]), (Namespaces.dc, metaTexts.dc), (Namespaces.meta, metaTexts.meta)]),
            uniqueIDs: .odt,
            rich: .odt,
            tableFormat: ODFTableFormat())
    }()
}

extension ImageProfile {
    private static func at(_ ns: String, _ element: String, _ attribute: String) -> ElementAttribute {
        ElementAttribute(element: QName(namespace: ns, local: element), attribute: attribute)
    }

    static let docx: ImageProfile = {
        let wp = Namespaces.wp, a = Namespaces.a, pic = Namespaces.pic
        let names = NameSetMaker(space: NameCacheSpace.docx, bits: 24..<30)
        let uniqueID = at(wp, "docPr", "id")
        return ImageProfile(
            drawings: names.make(Namespaces.w, ["drawing"]),
            pictures: names.make(a, ["blip"]),
            compatibilityWrappers: names.make(Namespaces.mc, ["AlternateContent"]),
            compatibilityChoices: names.make(Namespaces.mc, ["Choice"]),
            plainPictures: names.make(pic, ["pic"]),
            altTextAttributes: [at(wp, "docPr", "descr"), at(wp, "docPr", "title"),
                                at(pic, "cNvPr", "descr"), at(pic, "cNvPr", "title")],
            altTextElements: .empty,
            attributeFields: [at(a, "blip", "embed"): .reference,
                              at(wp, "extent", "cx"): .width, at(wp, "extent", "cy"): .height,
                              at(a, "ext", "cx"): .width, at(a, "ext", "cy"): .height,
                              uniqueID: .uniqueID],
            textFields: [:],
            lengthsInEMU: true,
            mediaFolder: "word/media/")
    }()

    static let odt: ImageProfile = {
        let draw = Namespaces.draw, svg = Namespaces.svg
        let names = NameSetMaker(space: NameCacheSpace.odt, bits: 24..<27)
        return ImageProfile(
            drawings: names.make(draw, ["frame"]),
            pictures: names.make(draw, ["image"]),
            compatibilityWrappers: .empty,
            compatibilityChoices: .empty,
            plainPictures: .empty,
            altTextAttributes: [],
            altTextElements: names.make(svg, ["desc", "title"]),
            attributeFields: [at(draw, "frame", "width"): .width, at(draw, "frame", "height"): .height,
                              at(draw, "image", "href"): .reference, at(draw, "image", "mime-type"): .mimeType],
            textFields: [QName(namespace: Namespaces.office, local: "binary-data"): .embeddedData],
            lengthsInEMU: false,
            mediaFolder: "Pictures/")
    }()
}

extension FormatProfile {
    /// What an explicit loop's element name repeats in the format that has it (`w:tc`: a cell).
    static func loopElement(named name: String) -> ExplicitLoopElement? {
        docx.explicitLoops[name] ?? odt.explicitLoops[name]
    }
}
