import Foundation
import Testing
@testable import DocFill

/// Ids in repeated content (issue 15, item 6): each copy of a section's body gets ids of its
/// own; a footnote or comment referenced from a copy is copied under the new id.
struct UniqueIDTests {
    static let loopBody = """
        <w:p><w:r><w:t>{{#items}}</w:t></w:r></w:p>\
        <w:p w14:paraId="1A2B3C4D" w14:textId="77777777">\
        <w:bookmarkStart w:id="10" w:name="mark"/><w:commentRangeStart w:id="3"/>\
        <w:r><w:t>{{name}}</w:t></w:r><w:commentRangeEnd w:id="3"/>\
        <w:r><w:commentReference w:id="3"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:bookmarkEnd w:id="10"/>\
        <w:sdt><w:sdtPr><w:id w:val="42"/></w:sdtPr><w:sdtContent><w:r><w:t>control</w:t></w:r></w:sdtContent></w:sdt>\
        <w:r><w:drawing><wp:inline><wp:extent cx="95250" cy="95250"/><wp:docPr id="7" name="Picture 7"/>\
        <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
        <pic:nvPicPr><pic:cNvPr id="0" name="red.png"/><pic:cNvPicPr/></pic:nvPicPr>\
        <pic:blipFill><a:blip r:embed="rIdRed"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
        <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="95250" cy="95250"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>\
        </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\
        <w:p><w:r><w:t>{{/items}}</w:t></w:r></w:p>
        """

    static let footnotes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:footnotes \(TestPackage.wordNamespaces)>\
        <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
        <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
        <w:footnote w:id="1"><w:p w14:paraId="0000ABCD" w14:textId="0000ABCD"><w:r><w:footnoteRef/></w:r>\
        <w:r><w:t xml:space="preserve"> The note.</w:t></w:r></w:p></w:footnote></w:footnotes>
        """

    static let comments = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:comments \(TestPackage.wordNamespaces)>\
        <w:comment w:id="3" w:author="An" w:initials="A"><w:p w14:paraId="0000BCDE"><w:r><w:t>The comment.</w:t></w:r></w:p></w:comment></w:comments>
        """

    /// variables.docx with the loop above, a footnotes part, a comments part and a picture.
    static func template(name: String = #function) throws -> String {
        let types = "application/vnd.openxmlformats-officedocument.wordprocessingml."
        return try TestPackage.make(from: "variables.docx", [
            "word/document.xml": TestPackage.text(TestPackage.wordDocument(loopBody)),
            "word/footnotes.xml": TestPackage.text(footnotes),
            "word/comments.xml": TestPackage.text(comments),
            "[Content_Types].xml": { old in
                [TestPackage.override("word/footnotes.xml", types + "footnotes+xml"),
                 TestPackage.override("word/comments.xml", types + "comments+xml")].reduce(old!) { $1($0) }
            },
            "word/_rels/document.xml.rels": TestPackage.insert(
                TestPackage.relationship("rIdNotes", "footnotes", "footnotes.xml")
                    + TestPackage.relationship("rIdComments", "comments", "comments.xml")
                    + TestPackage.relationship("rIdRed", "image", "media/red.png"), before: "</Relationships>"),
        ], files: ["word/media/red.png": TestPaths.fixture("images/red.png")], name: name)
    }

    static func render(_ template: String, items: [String], name: String = #function) throws -> String {
        let out = TestPaths.scratch(name).appendingPathComponent("out.docx").path
        let data = Value.object(["items": .array(items.map { .object(["name": .string($0)]) })])
        try DocumentTemplate(contentsOf: template).render(data, to: out)
        return out
    }

    @Test func everyCopyGetsItsOwnIDsAndNotes() throws {
        let template = try Self.template()
        let out = try Self.render(template, items: ["One", "Two", "Three"])
        let xml = try ImageTests.text(out, "word/document.xml")
        let notes = try ImageTests.text(out, "word/footnotes.xml"), comments = try ImageTests.text(out, "word/comments.xml")
        func all(_ pattern: String, _ text: String = xml) -> [String] { TestPackage.matches(pattern, in: text) }

        // Paragraph ids: 8 hex digits below 0x80000000, unique in every part together.
        let paraIDs = all(#"w14:paraId="([^"]+)""#) + all(#"w14:paraId="([^"]+)""#, notes) + all(#"w14:paraId="([^"]+)""#, comments)
        #expect(Set(paraIDs).count == paraIDs.count, "\(paraIDs)")
        #expect(paraIDs.allSatisfy { $0.count == 8 && (UInt32($0, radix: 16).map { $0 > 0 && $0 < 0x8000_0000 } ?? false) }, "\(paraIDs)")
        #expect(all(#"w14:paraId="([^"]+)""#).first == "1A2B3C4D")   // the first copy keeps the template's
        let textIDs = all(#"w14:textId="([^"]+)""#)
        #expect(Set(textIDs).count == 3, "\(textIDs)")

        // Bookmarks: unique ids, each start paired with an end; names _2, _3 in later copies.
        let starts = all(#"<w:bookmarkStart w:id="(\d+)""#), ends = all(#"<w:bookmarkEnd w:id="(\d+)""#)
        #expect(Set(starts).count == 3 && Set(starts) == Set(ends), "\(starts) \(ends)")
        #expect(all(#"w:name="([^"]+)""#) == ["mark", "mark_2", "mark_3"])

        // Comments: range and reference share a new id per copy; each has its own comment.
        let ranges = all(#"<w:commentRangeStart w:id="(\d+)""#), references = all(#"<w:commentReference w:id="(\d+)""#)
        #expect(ranges == references && Set(ranges).count == 3 && ranges.first == "3", "\(ranges) \(references)")
        #expect(all(#"<w:commentRangeEnd w:id="(\d+)""#) == ranges)
        #expect(Set(all(#"<w:comment w:id="(\d+)""#, comments)) == Set(ranges))
        #expect(comments.components(separatedBy: "The comment.").count - 1 == 3)

        // Footnotes: one note per reference.
        let footnoteRefs = all(#"<w:footnoteReference w:id="(\d+)""#)
        #expect(Set(footnoteRefs).count == 3 && footnoteRefs.first == "1", "\(footnoteRefs)")
        #expect(Set(all(#"<w:footnote w:id="(\d+)""#, notes)) == Set(footnoteRefs))
        #expect(notes.components(separatedBy: "The note.").count - 1 == 3)

        // Content controls and static pictures.
        #expect(Set(all(#"<w:id w:val="(-?\d+)""#)).count == 3)
        #expect(Set(all(#"<wp:docPr id="(\d+)""#)).count == 3)

        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }

    /// A section rendered once changes no id, and no note is copied.
    @Test func oneCopyKeepsTheTemplatesIDs() throws {
        let template = try Self.template()
        let out = try Self.render(template, items: ["One"])
        let xml = try ImageTests.text(out, "word/document.xml")
        for id in [#"w14:paraId="1A2B3C4D""#, #"w:name="mark""#, #"<w:commentReference w:id="3"/>"#,
                   #"<w:footnoteReference w:id="1"/>"#, #"<w:id w:val="42"/>"#, #"<wp:docPr id="7""#] {
            #expect(xml.contains(id), "\(id)")
        }
        #expect(try ImageTests.text(out, "word/footnotes.xml") == Self.footnotes)
        #expect(try ImageTests.text(out, "word/comments.xml") == Self.comments)
    }

    /// ODF: bookmark names, shape names, note ids and `xml:id` in copies.
    @Test func odfNamesAreUniqueInCopies() throws {
        let body = """
            <text:p>{{#items}}</text:p>\
            <text:p xml:id="para1"><text:bookmark text:name="mark"/>{{name}}\
            <draw:frame draw:name="Frame1" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm"><draw:text-box><text:p>box</text:p></draw:text-box></draw:frame>\
            <text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p>\
            <text:p>{{/items}}</text:p>
            """
        let template = try TestPackage.make(from: "variables.odt", ["content.xml": TestPackage.odfContent(body)])
        let out = TestPaths.scratch().appendingPathComponent("out.odt").path
        try DocumentTemplate(contentsOf: template).render(.object(["items": .array([.object(["name": .string("A")]), .object(["name": .string("B")])])]), to: out)
        let xml = try ImageTests.text(out, "content.xml")
        #expect(TestPackage.matches(#"xml:id="([^"]+)""#, in: xml) == ["para1", "para1_2"])
        #expect(TestPackage.matches(#"<text:bookmark text:name="([^"]+)""#, in: xml) == ["mark", "mark_2"])
        #expect(TestPackage.matches(#"draw:name="([^"]+)""#, in: xml) == ["Frame1", "Frame1_2"])
        #expect(TestPackage.matches(#"<text:note text:id="([^"]+)""#, in: xml) == ["ftn1", "ftn1_2"])
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: template))
        #expect(added.isEmpty, "\(added)")
    }
}

extension PrintTests {
    /// LibreOffice opens a document whose notes and comments were copied.
    @Test func copiedNotesConvertToPDF() throws {
        let out = try UniqueIDTests.render(try UniqueIDTests.template(), items: ["One", "Two"])
        let pdf = TestPaths.scratch().appendingPathComponent("notes.pdf").path
        let results = try PDFConverter().convert([PDFJob(input: out, output: pdf)])
        if case .failure(let error)? = results.first { Issue.record("\(error)"); return }
        let text = try Self.tool("pdftotext", [pdf, "-"])
        #expect(text.components(separatedBy: "The note.").count - 1 == 2, "\(text)")
    }
}
