import Foundation
import Testing
@testable import DocFill

/// Rich values rendered into DOCX, ODT and flat ODT: marks as run properties or styled spans,
/// paragraphs where the tag is alone (a paragraph, a table cell, a repeated row), line breaks
/// inline, links, specials; every output schema-valid.
struct RichTextRenderTests {
    static let docxBody = """
        <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>{{alone}}</w:t></w:r></w:p>\
        <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Inline: {{inline}} end.</w:t></w:r></w:p>\
        <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>\
        <w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{cell}}</w:t></w:r></w:p></w:tc>\
        <w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{plain | md}}</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{#rows}}{{text}}</w:t></w:r></w:p></w:tc>\
        <w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{n}}{{/rows}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p><w:r><w:t>{{upper_of | upper}}</w:t></w:r></w:p>
        """

    static let odtBody = """
        <text:p text:style-name="Title">{{alone}}</text:p>\
        <text:p text:style-name="Text_20_body">Inline: <text:span text:style-name="T1">{{inline}}</text:span> end.</text:p>\
        <table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>{{cell}}</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>{{plain | md}}</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>{{#rows}}{{text}}</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>{{n}}{{/rows}}</text:p></table:table-cell></table:table-row></table:table>\
        <text:p>{{upper_of | upper}}</text:p>
        """

    static let data: Value = .object([
        "alone": .rich("Para *one*\n\nPara **two** [the link](https://example.com/?a=1&b=2)\n- bullet ~~gone~~"),
        "inline": .rich("x *i* m^2^\n\nsecond <b>&amp;\u{1}\u{7}</b> __u__ CO~2~"),
        "cell": .rich("cell *a*\n\ncell b"),
        "plain": .string("*from the filter*"),
        "rows": .array([.object(["text": .rich("row *1*"), "n": .int(1)]),
                        .object(["text": .rich("row **2**\n\nsecond para"), "n": .int(2)])]),
        "upper_of": .rich("*x* y"),
    ])

    /// A template from a fixture with `body` as its document text.
    static func template(_ format: String, name: String = #function) throws -> String {
        switch format {
        case "docx":
            return try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(docxBody))],
                                        name: name)
        case "odt":
            return try TestPackage.make(from: "variables.odt", ["content.xml": TestPackage.odfContent(odtBody)], name: name)
        default:
            let xml = try String(contentsOfFile: TestPaths.fixture("variables.fodt"), encoding: .utf8)
            let path = TestPaths.scratch(name).appendingPathComponent("template.fodt").path
            try TestPackage.odfContent(odtBody)(xml).write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static func render(_ format: String, _ data: Value = data, name: String = #function) throws -> (template: String, out: String, xml: String) {
        let path = try template(format, name: name)
        let out = (path as NSString).deletingLastPathComponent + "/out.\(format)"
        try DocumentTemplate(contentsOf: path).render(data, to: out, options: RenderOptions(strict: true))
        return (path, out, try ImageTests.text(out, format == "docx" ? "word/document.xml" : "content.xml"))
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func docxRunsParagraphsAndLinks() throws {
        let (_, out, xml) = try Self.render("docx")
        // Marks merged into the tag run's properties in schema order (w:i before w:sz).
        #expect(xml.contains("<w:r><w:rPr><w:i/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">one</w:t></w:r>"))
        #expect(xml.contains("<w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">two</w:t>"))
        #expect(xml.contains("<w:rPr><w:strike/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">gone</w:t>"))
        // Alone in its paragraph: three paragraphs of the Title style, the bullet with its prefix.
        #expect(Self.count("<w:pStyle w:val=\"Title\"/>", in: xml) == 3)
        #expect(xml.contains(">• </w:t>"))
        // Inline: the bold run's properties kept, blocks joined by a line break, specials escaped.
        #expect(xml.contains("<w:rPr><w:b/><w:i/></w:rPr><w:t xml:space=\"preserve\">i</w:t>"))
        #expect(xml.contains("<w:rPr><w:b/><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">2</w:t>"))
        #expect(xml.contains("<w:br/>") && xml.contains("second &lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(!xml.contains("\u{1}") && !xml.contains("\u{7}"))
        #expect(xml.contains("<w:rPr><w:b/><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">u</w:t>"))
        // The link: a relationship of the part, external.
        let id = try #require(TestPackage.matches(#"<w:hyperlink [^>]*r:id="([^"]+)""#, in: xml).first)
        let rels = try ImageTests.text(out, "word/_rels/document.xml.rels")
        #expect(rels.contains("Id=\"\(id)\" Type=\"\(ImagePackage.hyperlinkRelationship)\" Target=\"https://example.com/?a=1&amp;b=2\" TargetMode=\"External\""))
        // Cell and repeated row: paragraphs inside the cell.
        #expect(xml.contains(">cell b</w:t>") && xml.contains(">second para</w:t>"))
        #expect(xml.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">from the filter</w:t>"))
        #expect(xml.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">1</w:t>"))
        #expect(xml.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">2</w:t>"))
        // An ordinary filter sees the plain text.
        #expect(xml.contains(">X Y</w:t>"))
        #expect(!xml.contains("*") && !xml.contains("~~") && !xml.contains("__"))
    }

    @Test(arguments: ["odt", "fodt"])
    func odtSpansStylesAndLinks(_ format: String) throws {
        let (_, _, xml) = try Self.render(format)
        // One automatic style per set of marks, declared among the automatic styles.
        let styles = try #require(xml.range(of: "</office:automatic-styles>"))
        for name in ["DocFill_i", "DocFill_b", "DocFill_s", "DocFill_u", "DocFill_p", "DocFill_d"] {
            let declaration = try #require(xml.range(of: "style:name=\"\(name)\" style:family=\"text\""), "\(name)")
            #expect(declaration.lowerBound < styles.lowerBound)
        }
        #expect(xml.contains("fo:font-style=\"italic\"") && xml.contains("style:text-position=\"super 58%\""))
        #expect(xml.contains("<text:p text:style-name=\"Title\">Para <text:span text:style-name=\"DocFill_i\">one</text:span></text:p>"))
        #expect(Self.count("<text:p text:style-name=\"Title\">", in: xml) == 3)
        #expect(xml.contains("<text:a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:type=\"simple\" xlink:href=\"https://example.com/?a=1&amp;b=2\">the link</text:a>"))
        // Inline: spans inside the template's span, a line break between blocks.
        #expect(xml.contains("<text:span text:style-name=\"T1\">x <text:span text:style-name=\"DocFill_i\">i</text:span>"))
        #expect(xml.contains("<text:line-break/>second &lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(xml.contains(">cell b</text:p>") && xml.contains(">second para</text:p>"))
        #expect(xml.contains("<text:span text:style-name=\"DocFill_b\">2</text:span>"))
        #expect(xml.contains(">X Y</text:p>"))
        #expect(!xml.contains("\u{1}") && !xml.contains("~~") && !xml.contains("__"))
    }

    @Test(arguments: ["docx", "odt", "fodt"])
    func outputsAreSchemaValid(_ format: String) throws {
        let (template, out, _) = try Self.render(format, name: "valid" + format)
        let before = try SchemaValidation.errors(of: template)
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "\(after.subtracting(before))")
    }

    /// Without rich values the output is what it was: no style, no relationship added.
    @Test(arguments: ["docx", "odt"])
    func plainDataAddsNothing(_ format: String) throws {
        let data = Value.object(["alone": .string("*a*"), "inline": .string("b"), "cell": .string("c"), "plain": .string("p"),
                                 "rows": .array([]), "upper_of": .string("u")])
        let (_, out, xml) = try Self.render(format, data)
        #expect(!xml.contains("DocFill_") && !xml.contains("hyperlink") && xml.contains("*a*"))
        if format == "docx" { #expect(!(try ImageTests.text(out, "word/_rels/document.xml.rels")).contains("hyperlink")) }
    }

    /// A tag inside a template's link writes a value's link as text: links do not nest.
    @Test(arguments: ["docx", "odt"])
    func noLinkInsideALink(_ format: String) throws {
        let path: String
        if format == "docx" {
            path = try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(
                "<w:p><w:hyperlink r:id=\"rId1\"><w:r><w:t>{{l}}</w:t></w:r></w:hyperlink></w:p>"))], name: "nolink" + format)
        } else {
            path = try TestPackage.make(from: "variables.odt", ["content.xml": TestPackage.odfContent(
                "<text:p><text:a xlink:type=\"simple\" xlink:href=\"https://a.vn\">{{l}}</text:a></text:p>")], name: "nolink" + format)
        }
        let out = (path as NSString).deletingLastPathComponent + "/out.\(format)"
        try DocumentTemplate(contentsOf: path).render(.object(["l": .rich("see [*b*](https://b.vn)")]), to: out)
        let xml = try ImageTests.text(out, format == "docx" ? "word/document.xml" : "content.xml")
        #expect(Self.count(format == "docx" ? "<w:hyperlink" : "<text:a ", in: xml) == 1)
        #expect(!xml.contains("https://b.vn") && xml.contains("see "))
    }

    /// A link address with a control character stays text (the character dropped as in any
    /// text): the output is well-formed and schema-valid, with no link.
    @Test(arguments: ["docx", "odt", "fodt"])
    func linkWithAControlCharacterIsText(_ format: String) throws {
        var data = Self.data
        if case .object(var o) = data { o["alone"] = .rich("[x](https://a.b/\u{1}z) [y](https://c.d/\u{FFFF})"); data = .object(o) }
        let (template, out, xml) = try Self.render(format, data, name: "ctl" + format)
        #expect(xml.contains("[x](https://a.b/z) [y](https://c.d/)") && !xml.contains("\u{1}"))
        #expect(!xml.contains("a.b/z\"") && !xml.contains("c.d/\""))
        let errors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// A template run's properties of another namespace (`w14:`) stay after the `w:` ones in
    /// their order, whatever their local name (`w14:shadow` is not `w:shadow`).
    @Test func docxForeignRunPropertiesStayLast() throws {
        let w14 = "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""
        let shadow = "<w14:shadow \(w14) w14:blurRad=\"38100\"/>", ligatures = "<w14:ligatures \(w14) w14:val=\"standard\"/>"
        let path = try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/><w:color w:val=\"FF0000\"/><w:sz w:val=\"28\"/>\(shadow)\(ligatures)</w:rPr>"
            + "<w:t>{{v}}</w:t></w:r></w:p>"))])
        let out = (path as NSString).deletingLastPathComponent + "/out.docx"
        try DocumentTemplate(contentsOf: path).render(.object(["v": .rich("**b**")]), to: out)
        let xml = try ImageTests.text(out, "word/document.xml")
        #expect(xml.contains("<w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b/><w:color w:val=\"FF0000\"/><w:sz w:val=\"28\"/>\(shadow)\(ligatures)</w:rPr>"),
                "\(xml)")
    }

    /// ODT: paragraphs a value makes after the first do not repeat the page break of the
    /// tag paragraph's style: they take an automatic style without it, under a free name.
    @Test(arguments: ["odt", "fodt"])
    func odtCopiesDropThePageBreak(_ format: String) throws {
        let styles = #"<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard">"#
            + #"<style:paragraph-properties fo:break-before="page"/></style:style>"#
            + #"<style:style style:name="DocFill_PB_next" style:family="text"/>"#
        let body = #"<text:p text:style-name="PB">{{v}}</text:p>"#
        let path: String
        if format == "odt" {
            path = try TestPackage.make(from: "variables.odt", ["content.xml": { old in
                TestPackage.insert(styles, before: "</office:automatic-styles>")(TestPackage.odfContent(body)(old))
            }], name: "pb" + format)
        } else {
            let xml = try String(contentsOfFile: TestPaths.fixture("variables.fodt"), encoding: .utf8)
            path = TestPaths.scratch("pb" + format).appendingPathComponent("template.fodt").path
            try TestPackage.insert(styles, before: "</office:automatic-styles>")(TestPackage.odfContent(body)(xml))
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let out = (path as NSString).deletingLastPathComponent + "/out.\(format)"
        try DocumentTemplate(contentsOf: path).render(.object(["v": .rich("a1\n\na2\n\na3")]), to: out)
        let xml = try ImageTests.text(out, "content.xml")
        #expect(xml.contains(#"<text:p text:style-name="PB">a1</text:p><text:p text:style-name="DocFill_PB_next2">a2</text:p>"#
            + #"<text:p text:style-name="DocFill_PB_next2">a3</text:p>"#), "\(xml)")
        #expect(Self.count(#"fo:break-before="page""#, in: xml) == 1)
        #expect(xml.contains(#"<style:style style:name="DocFill_PB_next2" style:family="paragraph" style:parent-style-name="Standard">"#
            + #"<style:paragraph-properties fo:break-before="auto"/></style:style>"#))
        let errors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: path))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// An empty rich value leaves the paragraph as an empty plain value would (no text).
    @Test(arguments: ["docx", "odt"])
    func emptyRichValue(_ format: String) throws {
        var data = Self.data
        if case .object(var o) = data { o["alone"] = .rich(""); o["inline"] = .rich("\n\n"); data = .object(o) }
        let (_, _, xml) = try Self.render(format, data, name: "empty" + format)
        #expect(xml.contains(format == "docx" ? "Inline: </w:t>" : "Inline: <text:span text:style-name=\"T1\"></text:span> end."))
    }

    /// A template with Word's "List Bullet" paragraph style: bullet lines after the first
    /// block are paragraphs of that style (numbering dropped), not `• ` text.
    @Test func docxBulletsTakeTheListBulletStyle() throws {
        let style = #"<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>"#
        let path = try TestPackage.make(from: "variables.docx", [
            "word/document.xml": TestPackage.text(TestPackage.wordDocument(Self.docxBody)),
            "word/styles.xml": TestPackage.insert(style, before: "</w:styles>"),
        ])
        let out = (path as NSString).deletingLastPathComponent + "/out.docx"
        var data = Self.data
        if case .object(var o) = data { o["alone"] = .rich("Intro\n- *one*\n- two"); data = .object(o) }
        try DocumentTemplate(contentsOf: path).render(data, to: out)
        let xml = try ImageTests.text(out, "word/document.xml")
        #expect(Self.count("<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr>", in: xml) == 2)
        #expect(xml.contains("<w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>") && !xml.contains("• "))
        let errors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: path))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// A multi-paragraph value alone in a paragraph inside a paragraph section: each item's
    /// blocks become paragraphs of the tag paragraph's style, in order, each once.
    @Test(arguments: ["docx", "odt"])
    func multiParagraphValueInAParagraphSection(_ format: String) throws {
        let name = "section" + format
        let path = format == "docx"
            ? try TestPackage.make(from: "variables.docx", ["word/document.xml": TestPackage.text(TestPackage.wordDocument(
                "<w:p><w:r><w:t>{{#items}}</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>"
                + "<w:r><w:t>{{body}}</w:t></w:r></w:p><w:p><w:r><w:t>{{/items}}</w:t></w:r></w:p>"))], name: name)
            : try TestPackage.make(from: "variables.odt", ["content.xml": TestPackage.odfContent(
                "<text:p>{{#items}}</text:p><text:p text:style-name=\"Title\">{{body}}</text:p><text:p>{{/items}}</text:p>")], name: name)
        let out = (path as NSString).deletingLastPathComponent + "/out.\(format)"
        let data = Value.object(["items": .array([.object(["body": .rich("A1 *x*\n\nA2")]),
                                                  .object(["body": .rich("B1\n\n- B2")])])])
        try DocumentTemplate(contentsOf: path).render(data, to: out, options: RenderOptions(strict: true))
        let xml = try ImageTests.text(out, format == "docx" ? "word/document.xml" : "content.xml")
        let style = format == "docx" ? "<w:pStyle w:val=\"Title\"/>" : "text:style-name=\"Title\""
        #expect(Self.count(style, in: xml) == 4)
        let places = ["A1 ", ">x<", ">A2<", ">B1<", "B2<"].map { xml.range(of: $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil } && places.map { $0! } == places.map { $0! }.sorted(), "\(xml)")
        for text in ["A1 ", ">A2<", ">B1<", "B2<"] { #expect(Self.count(text, in: xml) == 1, "\(text)") }
        #expect(!xml.contains("{{") && !xml.contains("*"))
        let errors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: path))
        #expect(errors.isEmpty, "\(errors)")
    }
}
