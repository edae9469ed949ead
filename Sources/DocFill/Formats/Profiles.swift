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
}

extension FormatProfile {
    private static func names(_ ns: String, _ locals: [String]) -> Set<QName> {
        Set(locals.map { QName(namespace: ns, local: $0) })
    }

    static let docx: FormatProfile = {
        let w = Namespaces.w
        return FormatProfile(
            format: .docx,
            paragraphs: names(w, ["p"]),
            runs: names(w, ["r"]),
            textCarriers: names(w, ["t"]),
            spaceElements: [],
            spaceCountAttribute: nil,
            ignoredSubtrees: names(w, ["del", "moveFrom", "instrText", "delText"]),
            tables: names(w, ["tbl"]),
            rowGroups: [],
            rows: names(w, ["tr"]),
            cells: names(w, ["tc"]),
            coveredCells: [],
            cellProperties: names(w, ["tcPr"]),
            verticalMerge: names(w, ["vMerge"]),
            paragraphContainers: names(w, ["tc", "txbxContent", "hdr", "ftr", "footnote", "endnote", "comment", "sdtContent"]),
            propertyElements: names(w, ["rPr", "pPr"]),
            // Checked outside property elements: what is inside pPr/rPr never matters.
            tagOnlyAllowed: names(w, ["pPr", "rPr", "r", "t", "proofErr", "bookmarkStart", "bookmarkEnd",
                                      "lastRenderedPageBreak", "ins", "moveTo", "smartTag", "permStart", "permEnd"]),
            keepParagraph: names(w, ["sectPr"]),
            lineBreak: { p in "</\(p):t><\(p):br/><\(p):t xml:space=\"preserve\">" },
            tab: { p in "</\(p):t><\(p):tab/><\(p):t xml:space=\"preserve\">" },
            preserveSpaceOnCarrier: true,
            encodesSpaces: false,
            emptyParagraph: { p in "<\(p):p/>" },
            images: .docx)
    }()

    static let odt: FormatProfile = {
        let t = Namespaces.text, tb = Namespaces.table, o = Namespaces.office
        return FormatProfile(
            format: .odt,
            paragraphs: names(t, ["p", "h"]),
            runs: names(t, ["span"]),
            textCarriers: names(t, ["p", "h", "span", "a", "ruby-base"]),
            spaceElements: names(t, ["s"]),
            spaceCountAttribute: "c",
            ignoredSubtrees: names(o, ["annotation", "annotation-end"]).union(names(t, ["tracked-changes", "note-citation"])),
            tables: names(tb, ["table"]),
            rowGroups: names(tb, ["table-header-rows", "table-rows", "table-row-group"]),
            rows: names(tb, ["table-row"]),
            cells: names(tb, ["table-cell", "covered-table-cell"]),
            coveredCells: names(tb, ["covered-table-cell"]),
            cellProperties: [],
            verticalMerge: [],
            paragraphContainers: names(tb, ["table-cell"]).union(names(t, ["list-item", "note-body", "section"]))
                .union(names(Namespaces.draw, ["text-box"])),
            propertyElements: [],
            tagOnlyAllowed: names(t, ["span", "s", "soft-page-break", "bookmark", "bookmark-start", "bookmark-end",
                                      "change-start", "change-end", "change"]),
            keepParagraph: [],
            lineBreak: { p in "<\(p):line-break/>" },
            tab: { p in "<\(p):tab/>" },
            preserveSpaceOnCarrier: false,
            encodesSpaces: true,
            emptyParagraph: { p in "<\(p):p/>" },
            images: .odt)
    }()
}

extension ImageProfile {
    private static func at(_ ns: String, _ element: String, _ attribute: String) -> ElementAttribute {
        ElementAttribute(element: QName(namespace: ns, local: element), attribute: attribute)
    }

    static let docx: ImageProfile = {
        let wp = Namespaces.wp, a = Namespaces.a, pic = Namespaces.pic
        return ImageProfile(
            drawings: [QName(namespace: Namespaces.w, local: "drawing")],
            pictures: [QName(namespace: a, local: "blip")],
            altTextAttributes: [at(wp, "docPr", "descr"), at(wp, "docPr", "title"),
                                at(pic, "cNvPr", "descr"), at(pic, "cNvPr", "title")],
            altTextElements: [],
            attributeFields: [at(a, "blip", "embed"): .reference,
                              at(wp, "extent", "cx"): .width, at(wp, "extent", "cy"): .height,
                              at(a, "ext", "cx"): .width, at(a, "ext", "cy"): .height,
                              at(wp, "docPr", "id"): .uniqueID],
            textFields: [:],
            uniqueIDAttribute: at(wp, "docPr", "id"),
            lengthsInEMU: true,
            mediaFolder: "word/media/")
    }()

    static let odt: ImageProfile = {
        let draw = Namespaces.draw, svg = Namespaces.svg
        return ImageProfile(
            drawings: [QName(namespace: draw, local: "frame")],
            pictures: [QName(namespace: draw, local: "image")],
            altTextAttributes: [],
            altTextElements: [QName(namespace: svg, local: "desc"), QName(namespace: svg, local: "title")],
            attributeFields: [at(draw, "frame", "width"): .width, at(draw, "frame", "height"): .height,
                              at(draw, "image", "href"): .reference, at(draw, "image", "mime-type"): .mimeType],
            textFields: [QName(namespace: Namespaces.office, local: "binary-data"): .embeddedData],
            uniqueIDAttribute: nil,
            lengthsInEMU: false,
            mediaFolder: "Pictures/")
    }()
}
