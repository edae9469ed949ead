import Foundation
import Testing
@testable import DocFill

/// Issue 15's engine items, stage by stage and on rendered documents: content controls
/// around rows, paragraph splits at section tags, spaces, falsy values, explicit loops,
/// tag-only rows, sections crossing a text box, exact numbers, package types.
struct RealDocumentTests {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    static let odf = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""

    /// Compiles a DOCX (or ODT) body and renders it; returns the body's XML, or the diagnostics.
    func render(_ body: String, _ data: Value, odt: Bool = false, delimiters: Delimiters = .mustache, styles: String = "") -> String {
        renderWithStyles(body, data, odt: odt, delimiters: delimiters, styles: styles).body
    }

    func renderWithStyles(_ body: String, _ data: Value, odt: Bool, delimiters: Delimiters = .mustache, styles: String) -> (body: String, styles: String) {
        let xml = odt
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(Self.odf)><office:automatic-styles>\(styles)</office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(Self.w)><w:body>\(body)</w:body></w:document>"
        let (open, close) = odt ? ("<office:text>", "</office:text>") : ("<w:body>", "</w:body>")
        guard let doc = try? XMLParser.parse(Array(xml.utf8), file: nil, part: "part.xml") else { return ("parse error", "") }
        let result = PartCompiler(profile: odt ? .odt : .docx, delimiters: delimiters, filters: .standard)
            .compile(doc, file: nil, part: "part.xml")
        if !result.diagnostics.isEmpty { return (result.diagnostics.map(\.description).joined(separator: "\n"), "") }
        var renderer = PlanRenderer(options: RenderOptions(), filters: .standard)
        var context = ContextStack(root: data)
        let out = OutputBuffer()
        renderer.render(result.plan ?? [], context: &context, into: out)
        let text = String(decoding: out.bytes, as: UTF8.self)
        var styleText = ""
        if let start = text.range(of: "<office:automatic-styles>"), let end = text.range(of: "</office:automatic-styles>") {
            styleText = String(text[start.upperBound..<end.lowerBound])
        }
        return (String(text[text.range(of: open)!.upperBound..<text.range(of: close)!.lowerBound]), styleText)
    }

    static let items: Value = .object(["items": .array([.object(["name": .string("pears")]), .object(["name": .string("plums")])])])
    static let noItems: Value = .object(["items": .array([])])

    func p(_ text: String, pPr: String = "") -> String { "<w:p>\(pPr)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>" }

    // MARK: 1. content controls around rows, cells and paragraphs

    static let minimal = ["sdt_row_only", "sdt_row_and_cells", "sdt_cells_only", "sdt_plain_row"]

    @Test(arguments: minimal)
    func rowInAContentControlRepeats(_ name: String) throws {
        let template = TestPaths.fixture("real-world-minimal/\(name).docx")
        let out = TestPaths.scratch(name).appendingPathComponent("out.docx").path
        let data = try DataLoader.load(contentsOf: TestPaths.fixture("real-world-minimal/items.json"))
        try DocumentTemplate(contentsOf: template).render(data, to: out)
        #expect(try DocumentText.lines(contentsOf: out) == ["before", "Item | Price", "pears | $7", "plums | $9", "after"])
        #expect(try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template)).isEmpty)
    }

    @Test func rowsInSeparateContentControlsRepeatWithThem() {
        func row(_ text: String) -> String { "<w:sdt><w:sdtPr><w:tag w:val=\"r\"/></w:sdtPr><w:sdtContent><w:tr><w:tc>\(p(text))</w:tc></w:tr></w:sdtContent></w:sdt>" }
        let body = "<w:tbl><w:tr><w:tc>\(p("head"))</w:tc></w:tr>\(row("{{#items}}{{name}}"))\(row("{{/items}}."))</w:tbl>"
        let out = render(body, Self.items)
        #expect(out.components(separatedBy: "<w:sdt>").count == 5)
        #expect(out.contains("pears") && out.contains("plums"))
        // An empty list leaves the table its header row; no content control is left empty.
        #expect(render(body, Self.noItems) == "<w:tbl><w:tr><w:tc>\(p("head"))</w:tc></w:tr></w:tbl>")
    }

    @Test func aTableWhoseOnlyRowsAreInAContentControlVanishesWhenEmpty() {
        let body = "<w:tbl><w:sdt><w:sdtContent><w:tr><w:tc>\(p("{{#items}}{{name}}"))</w:tc><w:tc>\(p("{{/items}}"))</w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>\(p("after"))"
        #expect(render(body, Self.noItems) == p("after"))
        #expect(render(body, Self.items).contains("<w:sdt><w:sdtContent><w:tr>"))
    }

    // MARK: 3. text beside paragraph-section tags

    @Test func textBesideParagraphSectionTagsStaysOnce() throws {
        let template = TestPaths.fixture("real-world-minimal/para_outside_text.docx")
        for (data, expected) in [("items", ["Items:", "- pears", "- plums", "End of list."]), ("empty", ["Items:", "End of list."])] {
            let out = TestPaths.scratch(data).appendingPathComponent("out.docx").path
            try DocumentTemplate(contentsOf: template).render(try DataLoader.load(contentsOf: TestPaths.fixture("real-world-minimal/\(data).json")), to: out)
            #expect(try DocumentText.lines(contentsOf: out).map { $0.trimmingCharacters(in: .whitespaces) } == expected)
        }
    }

    @Test func paragraphsSplitAtSectionTags() {
        let body = p("A {{#items}}B") + p("- {{name}}") + p("C{{/items}} D")
        #expect(render(body, Self.items) == p("A ") + p("B") + p("- pears") + p("C") + p("B") + p("- plums") + p("C") + p(" D"))
        #expect(render(body, Self.noItems) == p("A ") + p(" D"))
    }

    @Test func aSectionBreakGoesToTheLastPieceOutsideTheSection() {
        let sectPr = "<w:pPr><w:sectPr/></w:pPr>"
        // On the open tag's paragraph: the piece before the tag keeps it, even when empty.
        let body = p("Items: {{#items}}", pPr: sectPr) + p("{{name}}") + p("{{/items}}")
        #expect(render(body, Self.items) == p("Items: ", pPr: sectPr) + p("pears") + p("plums"))
        let tagOnly = p("{{#items}}", pPr: sectPr) + p("{{name}}") + p("{{/items}}")
        #expect(render(tagOnly, Self.items) == "<w:p>\(sectPr)</w:p>" + p("pears") + p("plums"))
        // On the close tag's paragraph: the piece after the tag.
        let close = p("{{#items}}") + p("{{name}}") + p("{{/items}}End", pPr: sectPr)
        #expect(render(close, Self.items) == p("pears") + p("plums") + p("End", pPr: sectPr))
        #expect(render(close, Self.noItems) == p("End", pPr: sectPr))
    }

    @Test func aPageBreakRunGoesWithItsPiece() {
        let pageBreak = "<w:r><w:br w:type=\"page\"/></w:r>"
        let body = "<w:p>\(pageBreak)<w:r><w:t>{{#items}}</w:t></w:r></w:p>" + p("{{name}}") + p("{{/items}}")
        #expect(render(body, Self.items) == "<w:p>\(pageBreak)</w:p>" + p("pears") + p("plums"))
        #expect(render(body, Self.noItems) == "<w:p>\(pageBreak)</w:p>")
    }

    @Test func aPageBreakBeforeStaysOnTheFirstPiece() {
        let before = "<w:pPr><w:pageBreakBefore/></w:pPr>"
        let body = p("Items: {{#items}}- ", pPr: before) + p("{{name}}") + p("{{/items}}")
        #expect(render(body, Self.items) == p("Items: ", pPr: before) + p("- ", pPr: "<w:pPr/>") + p("pears")
                + p("- ", pPr: "<w:pPr/>") + p("plums"))
        #expect(render(p("{{#items}}", pPr: before) + p("{{name}}") + p("{{/items}}"), Self.items)
                == "<w:p>\(before)</w:p>" + p("pears") + p("plums"))
    }

    @Test func odtParagraphsSplitToo() {
        let body = "<text:p>Items: {{#items}}</text:p><text:p>{{name}}</text:p><text:p>{{/items}}End</text:p>"
        #expect(render(body, Self.items, odt: true) == "<text:p>Items: </text:p><text:p>pears</text:p><text:p>plums</text:p><text:p>End</text:p>")
    }

    @Test func odtStyleBreaksAreNeitherRepeatedNorLost() {
        let styles = "<style:style style:name=\"P1\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>"
        let body = "<text:p text:style-name=\"P1\">Items: {{#items}}- </text:p><text:p>{{name}}</text:p><text:p>{{/items}}</text:p>"
        let out = renderWithStyles(body, Self.items, odt: true, styles: styles)
        #expect(out.body == "<text:p text:style-name=\"P1\">Items: </text:p><text:p text:style-name=\"P1_docfill-nobreak-before\">- </text:p>"
                + "<text:p>pears</text:p><text:p text:style-name=\"P1_docfill-nobreak-before\">- </text:p><text:p>plums</text:p>")
        #expect(out.styles == styles + "<style:style style:name=\"P1_docfill-nobreak-before\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"auto\"/></style:style>")
        // A tag-only paragraph with the break keeps an empty paragraph for it.
        let tagOnly = "<text:p text:style-name=\"P1\">{{#items}}</text:p><text:p>{{name}}</text:p><text:p>{{/items}}</text:p>"
        #expect(render(tagOnly, Self.items, odt: true, styles: styles) == "<text:p text:style-name=\"P1\"/><text:p>pears</text:p><text:p>plums</text:p>")
    }

    // MARK: 4. spaces

    @Test func cutTextKeepsItsSpaces() {
        let list: Value = .object(["xs": .array([.string("Mặt trận"), .string("Công đoàn")])])
        let split = "<w:p><w:r><w:t>{{#xs}}{{.}},</w:t></w:r><w:r><w:t xml:space=\"preserve\"> {{/xs}}</w:t></w:r></w:p>"
        #expect(render(split, list).contains("<w:t xml:space=\"preserve\"> </w:t>"))
        let delimiters = "<w:p><w:r><w:t>Mã hồ sơ: {{=&lt;% %&gt;=}}</w:t></w:r><w:r><w:t>&lt;% x %&gt;</w:t></w:r></w:p>"
        #expect(render(delimiters, .object(["x": .string("42")])).contains("<w:t xml:space=\"preserve\">Mã hồ sơ: </w:t>"))
        #expect(render("<w:p><w:r><w:t>[{{v}}]</w:t></w:r></w:p>", .object(["v": .string(" a ")])) == p("[ a ]"))
    }

    @Test func odtSpacesThatReadersCollapseBecomeSpaceElements() {
        // Text after a cut starts with a space; values keep leading and repeated spaces.
        #expect(render("<text:p>{{#s}}x{{/s}} y</text:p>", .object(["s": .bool(false)]), odt: true) == "<text:p><text:s/>y</text:p>")
        #expect(render("<text:p>{{v}}</text:p>", .object(["v": .string("  a   b ")]), odt: true)
                == "<text:p><text:s text:c=\"2\"/>a <text:s text:c=\"2\"/>b </text:p>")
    }

    // MARK: 7. falsy values

    @Test func emptyStringsAndZeroAreFalsy() throws {
        let template = try TextTemplate("{{#note}}Ghi chú: {{note}}{{/note}}|{{^note}}none{{/note}}")
        #expect(try template.render(.object(["note": .string("")])) == "|none")
        #expect(try template.render(.object(["note": .int(0)])) == "|none")
        #expect(try template.render(.object(["note": .double(0)])) == "|none")
        #expect(try template.render(.object(["note": .string("0")])) == "Ghi chú: 0|")
        #expect(try template.render(.object(["note": .int(3)])) == "Ghi chú: 3|")
        #expect(render(p("{{#note}}Ghi chú: {{note}}{{/note}}"), .object(["note": .string("")])) == "<w:p></w:p>")
    }

    // MARK: 8. explicit loops

    @Test func explicitLoopTagsParse() throws {
        let tag = try TagSyntax.parse(Array("-w:p items".utf8), triple: false, source: "", range: 0..<0).get()
        #expect(tag.kind == .sectionOpen && tag.name == "items" && tag.repeatedElement == "w:p")
        let plain = try TagSyntax.parse(Array("-x".utf8), triple: false, source: "", range: 0..<0).get()
        #expect(plain.kind == .variable && plain.name == "-x" && plain.repeatedElement == nil)
    }

    @Test func explicitLoopsRepeatTheNamedElement() {
        let braces = Delimiters(open: "{", close: "}")
        #expect(render(p("- {-w:p items}{name}{/items}"), Self.items, delimiters: braces) == p("- pears") + p("- plums"))
        #expect(render(p("{{-w:p items}}{{name}}{{/items}}"), Self.items) == p("pears") + p("plums"))
        let row = "<w:tbl><w:tr><w:tc>\(p("{-w:tr items}{name}"))</w:tc><w:tc>\(p("x{/items}"))</w:tc></w:tr></w:tbl>"
        #expect(render(row, Self.items, delimiters: braces)
                == "<w:tbl><w:tr><w:tc>\(p("pears"))</w:tc><w:tc>\(p("x"))</w:tc></w:tr><w:tr><w:tc>\(p("plums"))</w:tc><w:tc>\(p("x"))</w:tc></w:tr></w:tbl>")
        let cell = "<w:tbl><w:tr><w:tc>\(p("head"))</w:tc><w:tc>\(p("{-w:tc items}{name}{/items}"))</w:tc></w:tr></w:tbl>"
        #expect(render(cell, Self.items, delimiters: braces)
                == "<w:tbl><w:tr><w:tc>\(p("head"))</w:tc><w:tc>\(p("pears"))</w:tc><w:tc>\(p("plums"))</w:tc></w:tr></w:tbl>")
        #expect(render("<text:p>{-text:p items}{name}{/items}</text:p>", Self.items, odt: true, delimiters: braces)
                == "<text:p>pears</text:p><text:p>plums</text:p>")
        #expect(render(p("{-w:x items}{/items}"), Self.items, delimiters: braces)
                == "part.xml:2:128 (paragraph 1, \"{-w:x items}{/items}\"): error[explicit_loop_element]: '{-w:x items}': a loop cannot repeat 'w:x' in this document; name one of w:p, w:tc, w:tr")
    }

    // MARK: 9. smaller items

    @Test func rowsHoldingOnlySectionTagsVanish() throws {
        let template = TestPaths.fixture("real-world-minimal/tag_only_rows.docx")
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        try DocumentTemplate(contentsOf: template).render(try DataLoader.load(contentsOf: TestPaths.fixture("real-world-minimal/items.json")), to: out)
        #expect(try DocumentText.lines(contentsOf: out) == ["Item | Price", "pears | $7", "plums | $9"])
        #expect(try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template)).isEmpty)
    }

    @Test func aSectionCrossingIntoATextBoxIsReportedAtBothPlaces() {
        func box(_ text: String) -> String { "<w:r><w:drawing><w:txbxContent>\(p(text))</w:txbxContent></w:drawing></w:r>" }
        // Word writes a text box twice: the drawing and its VML fallback.
        let body = p("{{#items}}") + "<w:p>\(box("{{/items}}"))\(box("{{/items}}"))</w:p>"
        let out = render(body, Self.items)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 4, "\(out)")
        #expect(lines.allSatisfy { $0.contains("error[section_crosses_text_box]: '{{#items}}' and '{{/items}}'") })
        #expect(!out.contains("never opened") && !out.contains("never closed"))
        // Sections inside a text box pair there, in each copy.
        let inside = render("<w:p>\(box("{{#items}}{{name}}{{/items}}"))\(box("{{#items}}{{name}}{{/items}}"))</w:p>", Self.items)
        #expect(inside.components(separatedBy: "pears").count == 3 && inside.components(separatedBy: "plums").count == 3, "\(inside)")
    }

    @Test func largeNumbersPrintExactly() {
        #expect(Value.int(Int.max).scalarText == "9223372036854775807")
        #expect(Value.double(1e18).scalarText == "1000000000000000000")
        #expect(Value.double(-4611686018427387904).scalarText == "-4611686018427387904")
        #expect(Value.double(12345678901234567890).scalarText == "12345678901234567000")
        #expect(Value.double(1.5).scalarText == "1.5")
        #expect(Value.double(1e300).scalarText == "1e+300")
    }

    @Test func anUnclosedTagsMessageShowsItsLineBreak() {
        var lexer = Lexer()
        var problems: [Lexer.Problem] = []
        _ = lexer.lex(Array("a {{name\nb".utf8), problems: &problems)
        #expect(problems.map(\.message) == ["'{{name\\nb' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"])
        // A line break that is markup (w:br) shows too.
        let body = "<w:p><w:r><w:t>{</w:t></w:r><w:r><w:t>l1</w:t><w:br/><w:t>l2</w:t></w:r></w:p>"
        #expect(render(body, .object([:]), delimiters: Delimiters(open: "{", close: "}")).hasSuffix(
            "error[unclosed_tag]: '{l1\\nl2' is not closed with '}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"))
    }

    // MARK: tags split over paragraphs (docxtemplater's tag-splitted-multiline)

    static let ann: Value = .object(["name": .string("Ann")])

    @Test func aTagSplitOverTwoParagraphsIsPlacedInTheFirst() {
        #expect(render(p("{{na") + p("me}}"), Self.ann) == p("Ann") + "<w:p/>")
        #expect(render("<text:p>{{na</text:p><text:p>me}}</text:p>", Self.ann, odt: true) == "<text:p>Ann</text:p><text:p/>")
        // Text after the tag in the last paragraph is lexed with the group, each tag belongs to
        // the paragraph it starts in: a section splits the paragraphs as if written unsplit.
        #expect(render(p("A {{#ite") + p("ms}}{{name}}, {{/items}}B"), Self.items) == p("A ") + p("pears, ") + p("plums, ") + p("B"))
    }

    @Test func aTagIsJoinedOverTenParagraphsButNotEleven() {
        func body(_ count: Int) -> String { p("{{na") + String(repeating: "<w:p/>", count: count - 2) + p("me}}") }
        #expect(render(body(10), Self.ann) == p("Ann") + String(repeating: "<w:p/>", count: 9))
        #expect(render(body(11), Self.ann)
                == "part.xml:2:128 (paragraph 1, \"{{na\"): error[unclosed_tag]: '{{na' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it")
    }

    @Test func aTagNeverClosedIsStillUnclosed() {
        #expect(render(p("{{na") + p("me"), Self.ann)
                == "part.xml:2:128 (paragraph 1, \"{{na\"): error[unclosed_tag]: '{{na' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it")
    }
}
