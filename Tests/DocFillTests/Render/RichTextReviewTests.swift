import Foundation
import Testing
@testable import DocFill

/// Defects a review of rich text found, each rendered the way it showed: filter arguments
/// with spaces, link addresses, ids in paragraph copies, empty runs, link styles.
struct RichTextReviewTests {
    /// A DOCX template with `body` as its document text, rendered with `data`: the output's path and document part.
    static func renderDOCX(_ body: String, _ data: Value, styles: String? = nil, name: String = #function) throws -> (template: String, out: String, xml: String) {
        var parts: [String: (String?) -> String] = ["word/document.xml": TestPackage.text(TestPackage.wordDocument(body))]
        if let styles { parts["word/styles.xml"] = TestPackage.insert(styles, before: "</w:styles>") }
        let path = try TestPackage.make(from: "variables.docx", parts, name: name)
        let out = (path as NSString).deletingLastPathComponent + "/out.docx"
        try DocumentTemplate(contentsOf: path).render(data, to: out, options: RenderOptions(strict: true))
        return (path, out, try ImageTests.text(out, "word/document.xml"))
    }

    /// The output has no schema error the template did not have (also for the ODT tests).
    static func expectValid(_ template: String, _ out: String) throws {
        let errors = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// Spaces outside an argument's quotes only separate: `default: "DEF"` prints `DEF`;
    /// spaces inside the quotes are kept.
    @Test func filterArgumentSpacesOutsideQuotes() throws {
        let (_, _, xml) = try Self.renderDOCX(
            #"<w:p><w:r><w:t xml:space="preserve">[{{a | default: "DEF"}}][{{b | default:  " x " }}][{{c | number: 2 }}]</w:t></w:r></w:p>"#,
            .object(["a": .string(""), "b": .null, "c": .double(1.5)]))
        #expect(xml.contains("[DEF][ x ][1,50]"), "\(xml)")
        #expect(TagSyntax.splitArguments(#" "a" , b c ,"#) == ["a", "b c", ""])
    }

    /// The paragraphs a multi-paragraph value makes copy the tag paragraph, but not its ids:
    /// every `w:id` and `w14:paraId` of the output is unique; the bookmark stays in the first.
    @Test func docxParagraphCopiesHaveIdsOfTheirOwn() throws {
        let date = #"w:author="A" w:date="2024-01-01T00:00:00Z""#
        let body = #"<w:p w14:paraId="1A2B3C4D" w14:textId="01020304"><w:pPr><w:rPr><w:ins w:id="5" \#(date)/></w:rPr></w:pPr>"#
            + #"<w:bookmarkStart w:id="7" w:name="here"/><w:ins w:id="6" \#(date)><w:r><w:t>{{v}}</w:t></w:r></w:ins>"#
            + #"<w:bookmarkEnd w:id="7"/></w:p><w:p w14:paraId="2A2B3C4D"><w:r><w:t>after</w:t></w:r></w:p>"#
        let (template, out, xml) = try Self.renderDOCX(body, .object(["v": .rich("a1\n\na2 *x*\n\na3")]))
        #expect(xml.contains(">a1<") && xml.contains(">a3<"))
        for attribute in ["w:id", "w14:paraId", "w14:textId"] {
            let ids = TestPackage.matches(#" \#(attribute)="([^"]+)""#, in: xml)
            // A bookmark's start and end share their id.
            let counted = ids.filter { $0 != "7" }
            #expect(Set(counted).count == counted.count, "\(attribute): \(ids)")
        }
        #expect(TestPackage.matches(#"<w:bookmarkStart w:id="(7)""#, in: xml).count == 1)
        #expect(TestPackage.matches(#"<w:bookmarkEnd w:id="(7)""#, in: xml).count == 1)
        try Self.expectValid(template, out)
    }

    /// No empty run (only properties, or an empty text) is left where a rich value split the
    /// tag's run: not before a value that starts its run, not after one that ends it.
    @Test func docxNoEmptyRunsBesideRichValues() throws {
        let body = #"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{a}}</w:t></w:r></w:p>"#
            + #"<w:p><w:r><w:t xml:space="preserve">{{b}} after</w:t></w:r></w:p>"#
            + #"<w:p><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">before {{c}}</w:t></w:r></w:p>"#
            + #"<w:p><w:r><w:t>{{d}}</w:t></w:r></w:p>"#
        let data = Value.object(["a": .rich("x *y*\n\nz"), "b": .rich("**b**"), "c": .rich("*c*"), "d": .rich("")])
        let (template, out, xml) = try Self.renderDOCX(body, data)
        let empty = TestPackage.matches(#"(<w:r(?: [^>]*)?>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?(?:<w:t[^>]*></w:t>|<w:t[^>]*/>)?</w:r>)"#, in: xml)
        #expect(empty.isEmpty, "\(empty)\n\(xml)")
        #expect(xml.contains(#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">x </w:t></w:r>"#))
        #expect(xml.contains(#"<w:t xml:space="preserve"> after</w:t>"#) && xml.contains(#"<w:t xml:space="preserve">before </w:t>"#))
        try Self.expectValid(template, out)
    }

    /// A link run takes the template's "Hyperlink" character style where styles.xml has it,
    /// else the direct link look (blue, underlined).
    @Test(arguments: [true, false])
    func docxLinkTakesTheHyperlinkStyle(_ styled: Bool) throws {
        let style = #"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0000FF"/></w:rPr></w:style>"#
        let (template, out, xml) = try Self.renderDOCX(#"<w:p><w:r><w:t>{{v}}</w:t></w:r></w:p>"#,
                                                       .object(["v": .rich("see [the site](https://a.vn)")]),
                                                       styles: styled ? style : nil, name: "link\(styled)")
        let linkRun = try #require(TestPackage.matches(#"<w:hyperlink [^>]*>(.*?)</w:hyperlink>"#, in: xml).first)
        if styled {
            #expect(linkRun.contains(#"<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>"#) && !linkRun.contains("0563C1"), "\(linkRun)")
        } else {
            #expect(linkRun.contains(#"<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>"#) && !linkRun.contains("rStyle"), "\(linkRun)")
        }
        try Self.expectValid(template, out)
    }
}
