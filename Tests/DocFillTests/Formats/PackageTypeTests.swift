import Foundation
import Testing
@testable import DocFill

/// `.dotx`/`.docm` templates rendered to `.docx` get the document content type, and macros
/// only go where the output can hold them (issue 15).
struct PackageTypeTests {
    static let macroDocument = "application/vnd.ms-word.document.macroEnabled.main+xml"
    static let template = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    static let document = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    static func entries(_ path: String) throws -> [String: String] {
        let reader = try ZipReader(TemplateBytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))), file: path, limits: ArchiveLimits())
        var result: [String: String] = [:]
        for entry in reader.entries { result[entry.name] = String(decoding: try reader.read(entry), as: UTF8.self) }
        return result
    }

    /// row-loop.docx made into a template of `mainType`, with a macro project when asked.
    static func make(_ path: String, mainType: String, macros: Bool) throws {
        let source = try entries(TestPaths.fixture("row-loop.docx"))
        let writer = try ZipWriter(path: path)
        for name in source.keys.sorted() {
            var text = source[name]!
            if name == "[Content_Types].xml" {
                text = text.replacingOccurrences(of: document, with: mainType)
                if macros {
                    text = text.replacingOccurrences(of: "</Types>", with: "<Override PartName=\"/word/vbaProject.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Override PartName=\"/word/vbaData.xml\" ContentType=\"application/vnd.ms-word.vbaData+xml\"/></Types>")
                }
            }
            if name == "word/_rels/document.xml.rels" && macros {
                text = text.replacingOccurrences(of: "</Relationships>", with: "<Relationship Id=\"rId99\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/></Relationships>")
            }
            try writer.add(name: name, bytes: Array(text.utf8))
        }
        if macros {
            try writer.add(name: "word/vbaProject.bin", bytes: [0xD0, 0xCF, 0x11, 0xE0])
            try writer.add(name: "word/_rels/vbaProject.bin.rels", bytes: Array("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/wordVbaData\" Target=\"vbaData.xml\"/></Relationships>".utf8))
            try writer.add(name: "word/vbaData.xml", bytes: Array("<?xml version=\"1.0\"?><wne:vbaSuppData xmlns:wne=\"http://schemas.microsoft.com/office/word/2006/wordml\"/>".utf8))
        }
        try writer.close()
    }

    func render(_ templateType: String, macros: Bool, to ext: String) throws -> [String: String] {
        let dir = TestPaths.scratch(templateType + ext)
        let template = dir.appendingPathComponent(macros ? "t.docm" : "t.dotx").path
        try Self.make(template, mainType: templateType, macros: macros)
        let out = dir.appendingPathComponent("out.\(ext)").path
        try DocumentTemplate(contentsOf: template).render(try FixtureRenderTests.data("row-loop"), to: out)
        return try Self.entries(out)
    }

    @Test func aTemplateRenderedToADocumentGetsTheDocumentType() throws {
        let out = try render(Self.template, macros: false, to: "docx")
        #expect(out["[Content_Types].xml"]!.contains(Self.document))
        #expect(!out["[Content_Types].xml"]!.contains(Self.template))
        // Another extension keeps the template's type.
        #expect(try render(Self.template, macros: false, to: "dotx")["[Content_Types].xml"]!.contains(Self.template))
    }

    @Test func macrosAreDroppedUnlessTheOutputIsMacroEnabled() throws {
        let out = try render(Self.macroDocument, macros: true, to: "docx")
        #expect(out["[Content_Types].xml"]!.contains(Self.document))
        #expect(!out["[Content_Types].xml"]!.contains("vba"))
        #expect(!out["word/_rels/document.xml.rels"]!.contains("vbaProject"))
        #expect(out.keys.filter { $0.contains("vba") }.isEmpty)
        let kept = try render(Self.macroDocument, macros: true, to: "docm")
        #expect(kept["[Content_Types].xml"]!.contains(Self.macroDocument))
        #expect(kept["word/vbaProject.bin"] != nil && kept["word/vbaData.xml"] != nil)
        #expect(kept["word/_rels/document.xml.rels"]!.contains("vbaProject"))
    }
}
