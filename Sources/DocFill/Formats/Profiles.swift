enum Namespaces {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
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
            emptyParagraph: { p in "<\(p):p/>" })
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
            emptyParagraph: { p in "<\(p):p/>" })
    }()
}
