import Foundation
import Testing
@testable import DocFill

/// ODT rich values and the template's styles: page breaks a paragraph's style inherits or
/// takes from styles.xml, names already used there, list styles for bullets.
struct RichTextODFStyleTests {
    /// A packaged ODT with `body` as its text, `automatic` added to content.xml's automatic
    /// styles and `common` to styles.xml's common styles, rendered with `data`.
    static func render(_ body: String, automatic: String = "", common: String = "", _ data: Value,
                       name: String = #function) throws -> (template: String, out: String, xml: String) {
        let path = try TestPackage.make(from: "variables.odt", [
            "content.xml": { old in TestPackage.insert(automatic, before: "</office:automatic-styles>")(TestPackage.odfContent(body)(old)) },
            "styles.xml": TestPackage.insert(common, before: "</office:styles>"),
        ], name: name)
        let out = (path as NSString).deletingLastPathComponent + "/out.odt"
        try DocumentTemplate(contentsOf: path).render(data, to: out, options: RenderOptions(strict: true))
        return (path, out, try ImageTests.text(out, "content.xml"))
    }

    /// A break from a common style of styles.xml, or inherited by an automatic style from
    /// its parent there, is seen: the copies do not repeat it. New names avoid those of
    /// styles.xml (`DocFill_Chapter_next`, a mark style's `DocFill_i`).
    @Test func pageBreakFromStylesXMLIsNotRepeated() throws {
        let common = #"<style:style style:name="Chapter" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>"#
            + #"<style:style style:name="DocFill_Chapter_next" style:family="paragraph"/>"#
            + #"<style:style style:name="DocFill_i" style:family="text"/>"#
        let automatic = ##"<style:style style:name="P9" style:family="paragraph" style:parent-style-name="Chapter"><style:text-properties fo:color="#000000"/></style:style>"##
        let body = #"<text:p text:style-name="Chapter">{{a}}</text:p><text:p text:style-name="P9">{{b}}</text:p>"#
        let (template, out, xml) = try Self.render(body, automatic: automatic, common: common,
                                                   .object(["a": .rich("a1\n\na2 *x*"), "b": .rich("b1\n\nb2")]))
        #expect(xml.contains(#"<text:p text:style-name="Chapter">a1</text:p><text:p text:style-name="DocFill_Chapter_next2">a2 "#), "\(xml)")
        #expect(xml.contains(#"style:name="DocFill_Chapter_next2" style:family="paragraph" style:parent-style-name="Chapter"><style:paragraph-properties fo:break-before="auto"/>"#))
        #expect(xml.contains(#"<text:p text:style-name="P9">b1</text:p><text:p text:style-name="DocFill_P9_next">b2</text:p>"#), "\(xml)")
        #expect(xml.contains(##"<style:style style:name="DocFill_P9_next" style:family="paragraph" style:parent-style-name="Chapter"><style:paragraph-properties fo:break-before="auto"/><style:text-properties fo:color="#000000"/>"##), "\(xml)")
        // The mark style's name is not styles.xml's `DocFill_i`.
        #expect(xml.contains(#"<text:span text:style-name="DocFill2_i">x</text:span>"#) && xml.contains(#"style:name="DocFill2_i" style:family="text""#))
        try RichTextReviewTests.expectValid(template, out)
    }

    static let bulletList = #"<text:list-style style:name="List_20_Bullet" style:display-name="List Bullet">"#
        + #"<text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties/></text:list-level-style-bullet></text:list-style>"#

    /// With a list style named "List Bullet", bullet lines after the first block are items of
    /// a list of that style, consecutive ones in one list; no `• ` is printed.
    @Test func odtBulletsFormAListOfTheTemplatesStyle() throws {
        let (template, out, xml) = try Self.render(#"<text:p text:style-name="Standard">{{v}}</text:p><text:p>end</text:p>"#,
                                                   common: Self.bulletList, .object(["v": .rich("Intro\n- one\n- *two*\n\nafter\n- three")]))
        let item = { (text: String) in #"<text:list-item><text:p text:style-name="Standard">"# + text + "</text:p></text:list-item>" }
        #expect(xml.contains(#"<text:p text:style-name="Standard">Intro</text:p><text:list text:style-name="List_20_Bullet">"#
            + item("one") + item(#"<text:span text:style-name="DocFill_i">two</text:span>"#) + "</text:list>"
            + #"<text:p text:style-name="Standard">after</text:p><text:list text:style-name="List_20_Bullet">"# + item("three")
            + "</text:list><text:p>end</text:p>"), "\(xml)")
        #expect(!xml.contains("• "))
        try RichTextReviewTests.expectValid(template, out)
    }

    /// Inside a list of a bullet style already, each bullet line is a new item of it.
    @Test func odtBulletsJoinTheListAroundTheTag() throws {
        let automatic = #"<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style>"#
        let body = #"<text:list text:style-name="L1"><text:list-item><text:p text:style-name="Standard">{{v}}</text:p></text:list-item></text:list>"#
        let (template, out, xml) = try Self.render(body, automatic: automatic, .object(["v": .rich("a\n- b\n- c")]))
        #expect(xml.contains(#"<text:list text:style-name="L1"><text:list-item><text:p text:style-name="Standard">a</text:p></text:list-item>"#
            + #"<text:list-item><text:p text:style-name="Standard">b</text:p></text:list-item>"#
            + #"<text:list-item><text:p text:style-name="Standard">c</text:p></text:list-item></text:list>"#), "\(xml)")
        #expect(!xml.contains("• "))
        try RichTextReviewTests.expectValid(template, out)
    }
}
