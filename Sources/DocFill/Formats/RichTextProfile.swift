/// How a format writes a rich value's marks, links and styles, as data (see `RichSite`).
struct RichTextProfile: Sendable {
    /// ODF: a styled span may sit inside the span or paragraph holding the tag, so the
    /// template's run stays open around the value's runs. DOCX: runs do not nest; the tag's
    /// run is closed and each value run is a run of its own.
    let runsNest: Bool
    /// DOCX: the run property elements in schema order (ECMA-376 `CT_RPr`: a property out of
    /// order makes the part invalid); a mark's element goes to its place, replacing one of the
    /// same name the template has.
    let propertyOrder: [String]
    /// DOCX: each mark's property element, by local name and attributes (`w:` prefix added).
    let markProperties: [(mark: RichMarks, local: String, attributes: [(String, String)])]
    /// DOCX: properties a link's runs get (underline and the usual link colour) where the
    /// template declares no hyperlink character style (`RichStyles.link`).
    let linkProperties: [(local: String, attributes: [(String, String)])]
    /// ODF: each mark's attributes on the automatic style's `style:text-properties`.
    let markStyleAttributes: [(mark: RichMarks, attributes: [(String, String)])]
    /// Links refer to a relationship of the part (DOCX `r:id`) rather than holding the target.
    let linksUseRelationships: Bool
    /// The start tag of a link: `prefix` is the tag's text prefix; `target` the relationship id
    /// (DOCX) or the escaped address (ODF).
    let linkStart: @Sendable (_ prefix: String, _ target: String) -> String
    let linkEnd: @Sendable (_ prefix: String) -> String
    /// The link element's local name (in the text namespace): a tag inside one cannot start
    /// another, links do not nest.
    let linkElement: String
    /// DOCX: paragraph properties, the style element first in them (schema order) and the
    /// numbering a bullet paragraph drops for its style's.
    var paragraphProperties = "", paragraphStyle = "", paragraphNumbering = ""
    /// DOCX: the run property naming a character style (`w:rStyle`).
    var characterStyle = ""
    /// ODF: the list and list item elements (text namespace) bullet lines are wrapped in
    /// where the template has a bullet list style (`RichSite.bulletList`).
    var listElements: (list: String, item: String, style: String)? = nil
    /// The template's styles for rich values (see `FormatPackage.richStyles`), set per template.
    var styles = RichStyles()

    static let docx = RichTextProfile(
        runsNest: false,
        propertyOrder: ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
                        "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
                        "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
                        "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange"],
        markProperties: [(.bold, "b", []), (.italic, "i", []), (.strike, "strike", []), (.underline, "u", [("val", "single")]),
                         (.superscript, "vertAlign", [("val", "superscript")]), (.subscript, "vertAlign", [("val", "subscript")])],
        linkProperties: [("color", [("val", "0563C1")]), ("u", [("val", "single")])],
        markStyleAttributes: [],
        linksUseRelationships: true,
        linkStart: { p, id in "<\(p):hyperlink xmlns:r=\"\(RichTextProfile.relationshipsNamespace)\" r:id=\"\(id)\">" },
        linkEnd: { p in "</\(p):hyperlink>" },
        linkElement: "hyperlink",
        paragraphProperties: "pPr", paragraphStyle: "pStyle", paragraphNumbering: "numPr", characterStyle: "rStyle")

    static let odt = RichTextProfile(
        runsNest: true,
        propertyOrder: [],
        markProperties: [],
        linkProperties: [],
        markStyleAttributes: [
            (.italic, [("fo:font-style", "italic"), ("style:font-style-asian", "italic"), ("style:font-style-complex", "italic")]),
            (.bold, [("fo:font-weight", "bold"), ("style:font-weight-asian", "bold"), ("style:font-weight-complex", "bold")]),
            (.underline, [("style:text-underline-style", "solid"), ("style:text-underline-width", "auto"),
                          ("style:text-underline-color", "font-color")]),
            (.strike, [("style:text-line-through-style", "solid"), ("style:text-line-through-type", "single")]),
            (.superscript, [("style:text-position", "super 58%")]),
            (.subscript, [("style:text-position", "sub 58%")]),
        ],
        linksUseRelationships: false,
        linkStart: { p, href in "<\(p):a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:type=\"simple\" xlink:href=\"\(href)\">" },
        linkEnd: { p in "</\(p):a>" },
        linkElement: "a",
        listElements: ("list", "list-item", "style-name"))

    /// Marks are automatic styles a rendered part must declare (ODF).
    var usesAutomaticStyles: Bool { !markStyleAttributes.isEmpty }

    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let styleNamespace = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let foNamespace = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

    /// ODF: the automatic text style of a set of marks; one per set, named after its marks
    /// (`DocFill_ib`), so a render needs no counter and a name never changes meaning.
    static func styleName(_ marks: RichMarks, prefix: String) -> String {
        prefix + String(RichMarks.all.filter { marks.contains($0.mark) }.map(\.letter))
    }

    /// ODF: the declarations of the automatic styles a render used, with their namespaces
    /// declared on them (a template's root need not declare `fo:`).
    func styleDeclarations(_ used: Set<RichMarks>, prefix: String) -> [UInt8] {
        var out = ""
        for marks in used.sorted(by: { $0.rawValue < $1.rawValue }) where !marks.isEmpty {
            let attributes = markStyleAttributes.filter { marks.contains($0.mark) }.flatMap(\.attributes)
            out += "<style:style xmlns:style=\"\(Self.styleNamespace)\" xmlns:fo=\"\(Self.foNamespace)\""
                + " style:name=\"\(Self.styleName(marks, prefix: prefix))\" style:family=\"text\"><style:text-properties"
                + attributes.map { " \($0.0)=\"\($0.1)\"" }.joined() + "/></style:style>"
        }
        return Array(out.utf8)
    }

    /// ODF: adds the declarations of the styles `used` to a rendered part's automatic styles
    /// (content.xml or the flat document), which come before the body: the first
    /// `automatic-styles` element, or a new one before the master styles or the body.
    static func insertStyles(_ declarations: [UInt8], into out: OutputBuffer) {
        guard !declarations.isEmpty else { return }
        let lt = UInt8(ascii: "<"), slash = UInt8(ascii: "/"), gt = UInt8(ascii: ">")
        func tagStart(before at: Int) -> Int? {
            var k = at
            while k > 0 { k -= 1; if out[k] == lt { return k } }
            return nil
        }
        func prefix(_ start: Int, _ at: Int) -> String {
            String(decoding: (start..<at).map { out[$0] }, as: UTF8.self)
        }
        var from = 0
        while let at = out.firstIndex(of: Array(":automatic-styles".utf8), from: from), let start = tagStart(before: at) {
            from = at + 1
            if out[start + 1] == slash { out.replace(start..<start, with: declarations); return }
            guard let end = out.firstIndex(of: [gt], from: at) else { return }
            if out[end - 1] == slash {
                let p = prefix(start + 1, at)
                out.replace((end - 1)..<(end + 1), with: [gt] + declarations + Array("</\(p):automatic-styles>".utf8))
                return
            }
        }
        for element in [":master-styles", ":body"] {
            guard let at = out.firstIndex(of: Array(element.utf8)), let start = tagStart(before: at) else { continue }
            let p = prefix(start + 1, at)
            out.replace(start..<start, with: Array("<\(p):automatic-styles>".utf8) + declarations + Array("</\(p):automatic-styles>".utf8))
            return
        }
    }
}

/// Styles of the template a rich value's runs and paragraphs take, found once per template
/// (`FormatPackage.richStyles`); nil where the template has none.
struct RichStyles: Sendable {
    /// DOCX: the paragraph style of bullet lines ("List Bullet").
    var bullet: String? = nil
    /// DOCX: the character style of links ("Hyperlink").
    var link: String? = nil
    /// ODT: the styles of styles.xml (its common styles are those a paragraph of content.xml
    /// may inherit from; its names are taken).
    var odf = ODFStyles()
    /// ODF: what the names of the automatic text styles of marks start with (`DocFill_ib`):
    /// `DocFill_` unless the template has a style of such a name (see `textStylePrefix(avoiding:)`).
    var textStylePrefix = RichStyles.defaultTextStylePrefix
    static let defaultTextStylePrefix = "DocFill_"

    /// `DocFill_`, or `DocFill2_`, `DocFill3_`…: a prefix with which no mark style name
    /// (the prefix and letters of `RichMarks.all`) is one of `names`.
    static func textStylePrefix(avoiding names: Set<String>) -> String {
        let letters = Set(RichMarks.all.map(\.letter))
        var prefix = defaultTextStylePrefix, n = 1
        while names.contains(where: { $0.hasPrefix(prefix) && $0.count > prefix.count && $0.dropFirst(prefix.count).allSatisfy(letters.contains) }) {
            n += 1; prefix = "DocFill\(n)_"
        }
        return prefix
    }
}
