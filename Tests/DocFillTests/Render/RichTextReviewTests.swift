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
}
