import Foundation
import Testing
@testable import DocFill

/// Each format's package, asked directly: detection, the parts it templates, its stored
/// entries, extensions, post-render steps and how pictures reach it.
struct FormatPackageTests {
    static func reader(_ path: String) throws -> ZipReader {
        try ZipReader(TemplateBytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))), file: path, limits: ArchiveLimits())
    }

    static let mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    @Test func detectsEachFormatFromContent() throws {
        #expect(try FormatDetection.detect(Self.reader(TestPaths.fixture("variables.docx"))).format == .docx)
        #expect(try FormatDetection.detect(Self.reader(TestPaths.fixture("variables.odt"))).format == .odt)
        #expect(DocumentFormat.fodt.package.isArchive == false)
        #expect(DocumentFormat.docx.package.isArchive && DocumentFormat.odt.package.isArchive)
    }

    /// An OOXML package whose main part is a workbook or a presentation is refused by name,
    /// not rendered unchanged as if it were a DOCX.
    @Test(arguments: [
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "an Excel workbook (XLSX)"),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "a PowerPoint presentation (PPTX)"),
    ])
    func refusesOtherOOXMLPackages(type: String, phrase: String) throws {
        let path = try TestPackage.make(from: "variables.docx", [
            "[Content_Types].xml": { old in old!.replacingOccurrences(of: Self.mainType, with: type) },
        ], name: "refuses-\(phrase.count)")
        let expected = "\(path): error[unknown_format]: \(phrase) is not supported; use a text document (.docx or .odt)"
        #expect(throws: DocFillError.self) { try FormatDetection.detect(Self.reader(path)) }
        do {
            _ = try DocumentTemplate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
            Issue.record("compiled")
        } catch let error as DocFillError {
            #expect(error.description == expected)
        }
    }

    @Test func docxTemplatesTextPropertiesAndHeaders() throws {
        let reader = try Self.reader(TestPaths.fixture("header-footer.docx"))
        let docx = DOCXPackage()
        let text = try docx.textParts(reader)
        #expect(text.contains("word/document.xml"))
        #expect(text.contains { $0.hasPrefix("word/header") } && text.contains { $0.hasPrefix("word/footer") })
        let rendered = try docx.renderedParts(reader)
        #expect(rendered.filter { $0.kind == .text }.map(\.name) == text)
        #expect(rendered.contains { $0.name == "docProps/core.xml" && $0.kind == .properties })
        #expect(docx.storedEntries.isEmpty)
        #expect(docx.extensions == ["docx", "docm", "dotx", "dotm"])
        #expect(docx.mediaPlacement == .relationships)
    }

    @Test func odtTemplatesContentStylesAndMeta() throws {
        let reader = try Self.reader(TestPaths.fixture("header-footer.odt"))
        let odt = ODTPackage()
        #expect(try odt.textParts(reader).sorted() == ["content.xml", "styles.xml"])
        let rendered = try odt.renderedParts(reader)
        #expect(rendered.contains { $0.name == "meta.xml" && $0.kind == .properties })
        #expect(odt.storedEntries == ["mimetype"])
        #expect(odt.extensions == ["odt", "ott"])
        #expect(odt.mediaPlacement == .packagePaths)
        #expect(FlatODTPackage().mediaPlacement == .inline)
        #expect(FlatODTPackage().extensions == ["fodt"])
    }

    /// Only the DOCX main document gets a post-render step (`TrailingSection`).
    @Test func postRenderStepsPerFormat() throws {
        let word = try XMLParser.parse(Array(TestPackage.wordDocument("<w:p/>").utf8), file: nil, part: "word/document.xml").root
        #expect(DOCXPackage().postRenderStep(root: word, kind: .text) is TrailingSection)
        #expect(DOCXPackage().postRenderStep(root: word, kind: .properties) == nil)
        let header = try XMLParser.parse(Array("<w:hdr xmlns:w=\"\(Namespaces.w)\"/>".utf8), file: nil, part: "word/header1.xml").root
        #expect(DOCXPackage().postRenderStep(root: header, kind: .text) == nil)
        #expect(ODTPackage().postRenderStep(root: word, kind: .text) == nil)
        #expect(FlatODTPackage().postRenderStep(root: word, kind: .text) == nil)
    }

    @Test func documentLinesComeFromTheFormatsParts() throws {
        let docx = try DOCXPackage().documentLines(Self.reader(TestPaths.fixture("header-footer.docx")))
        let odt = try ODTPackage().documentLines(Self.reader(TestPaths.fixture("header-footer.odt")))
        #expect(docx.contains("--- header") && docx.contains("--- footer"))
        #expect(odt.contains("--- header") && odt.contains("--- footer"))
        let flat = try FlatODTPackage().documentLines([UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("header-footer.fodt")))),
                                                      file: "header-footer.fodt")
        #expect(flat == odt)
    }
}

/// Which parts of a package hold text, and where relationships point.
struct PackagePartsTests {
    @Test func resolvesRelationshipTargets() {
        #expect(PackageParts.resolve("media/a.png", from: "word") == "word/media/a.png")
        #expect(PackageParts.resolve("../customXml/item1.xml", from: "word") == "customXml/item1.xml")
        #expect(PackageParts.resolve("/word/document.xml", from: "word") == "word/document.xml")
        #expect(PackageParts.resolve("./styles.xml", from: "") == "styles.xml")
    }

    @Test func readsContentTypesAndMainPart() throws {
        let reader = try FormatPackageTests.reader(TestPaths.fixture("variables.docx"))
        #expect(try PackageParts.contentTypes(reader)["word/document.xml"] == FormatPackageTests.mainType)
        #expect(try PackageParts.mainPart(reader) == "word/document.xml")
        #expect(try PackageParts.otherOfficeKind(reader) == nil)
    }

    /// XML parts left as they are are checked for tags; the rendered ones are not.
    @Test func unrenderedPartsAreTheOtherXMLParts() throws {
        let reader = try FormatPackageTests.reader(TestPaths.fixture("variables.docx"))
        let rendered = Set(try DOCXPackage().renderedParts(reader).map(\.name))
        let unrendered = try PackageParts.unrenderedParts(reader, rendered: rendered)
        #expect(!unrendered.contains("word/document.xml"))
        #expect(unrendered.allSatisfy { $0.hasSuffix(".xml") && !rendered.contains($0) })
        #expect(unrendered.contains("[Content_Types].xml"))
    }
}

/// The lists a render's pictures must appear in: DOCX relationships and content types, the
/// ODF manifest.
struct ImagePackageTests {
    static let png = ImageFile(bytes: [1, 2, 3], kind: .png, pixelWidth: 1, pixelHeight: 1, fileName: "docfill-1.png")

    @Test func relationshipsPartNamesFollowTheirPart() {
        #expect(ImagePackage.relationshipsPart(of: "word/document.xml") == "word/_rels/document.xml.rels")
        #expect(ImagePackage.relationshipsPart(of: "word/header1.xml") == "word/_rels/header1.xml.rels")
    }

    @Test func docxAddsMediaRelationshipsAndAContentTypeDefault() throws {
        let media = RenderedMedia(entries: ["word/media/docfill-1.png": Self.png],
                                  relationships: ["word/document.xml": [(id: "rIdDocFill1", media: "word/media/docfill-1.png")],
                                                  "word/header1.xml": [(id: "rIdDocFill1", media: "word/media/docfill-1.png")]])
        let types = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"x\"/></Types>"
        let rels = "<Relationships xmlns=\"\(ImagePackage.relationshipsNamespace)\"><Relationship Id=\"rId1\" Type=\"t\" Target=\"styles.xml\"/></Relationships>"
        let entries = ["[Content_Types].xml": types, "word/_rels/document.xml.rels": rels]
        let changes = try ImagePackage.relationshipChanges(media, file: "t.docx") { entries[$0].map { Array($0.utf8) } }
        let document = String(decoding: try #require(changes.replaced["word/_rels/document.xml.rels"]), as: UTF8.self)
        #expect(document.contains("Id=\"rId1\"") && document.contains("Id=\"rIdDocFill1\""))
        #expect(document.contains("Target=\"media/docfill-1.png\""))
        let typesOut = String(decoding: try #require(changes.replaced["[Content_Types].xml"]), as: UTF8.self)
        #expect(typesOut.contains("<Default Extension=\"png\" ContentType=\"image/png\"/><Override"))
        // The header had no .rels: it is added, not stored; the medium is stored.
        #expect(changes.added.map(\.name) == ["word/_rels/header1.xml.rels", "word/media/docfill-1.png"])
        #expect(changes.added.map(\.store) == [false, true])
    }

    @Test func odtListsMediaInTheManifest() throws {
        let media = RenderedMedia(entries: ["Pictures/docfill-1.png": Self.png])
        let manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"x\"/></manifest:manifest>"
        let changes = try ImagePackage.manifestChanges(media, file: "t.odt") { $0 == ODFManifest.name ? Array(manifest.utf8) : nil }
        let out = String(decoding: try #require(changes.replaced[ODFManifest.name]), as: UTF8.self)
        #expect(out.contains("<manifest:file-entry manifest:full-path=\"Pictures/docfill-1.png\" manifest:media-type=\"image/png\"/>"))
        #expect(changes.added.map(\.name) == ["Pictures/docfill-1.png"])
        #expect(try FlatODTPackage().mediaChanges(media, file: "t.fodt") { _ in nil }.added.isEmpty)
    }

    @Test func noPicturesNoChanges() throws {
        let changes = try ImagePackage.relationshipChanges(RenderedMedia(), file: "t.docx") { _ in Array("<x/>".utf8) }
        #expect(changes.replaced.isEmpty && changes.added.isEmpty)
    }
}
