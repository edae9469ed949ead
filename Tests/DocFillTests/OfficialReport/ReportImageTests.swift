import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// The official report templates take optional signature and seal pictures
/// (`signature.signature_image`, `signature.seal_image`): absent, the block is as before;
/// given, both pictures appear, valid in both formats.
struct ReportImageTests {
    /// The sample report with the test pictures as signature and seal (paths relative to the fixtures).
    static func value(signature: String?, seal: String?) throws -> Value {
        var report = try Report.from(try DataLoader.load(contentsOf: ReportTemplateTests.sample), file: ReportTemplateTests.sample)
        report.signature.signatureImage = signature
        report.signature.sealImage = seal
        return try report.templateValue()
    }

    static func render(_ name: String, signature: String?, seal: String?) throws -> String {
        let out = TestPaths.scratch(name).appendingPathComponent(name).path
        try DocumentTemplate(contentsOf: ReportTemplateTests.template(name))
            .render(try value(signature: signature, seal: seal), to: out,
                    options: RenderOptions(baseDirectory: TestPaths.fixtures.path))
        return out
    }

    @Test(arguments: ReportTemplateTests.templates)
    func signatureAndSealPicturesAreValid(_ name: String) throws {
        let out = try Self.render(name, signature: "images/gray.jpg", seal: "images/red.png")
        let errors = try SchemaValidation.errors(of: out)
        #expect(errors.isEmpty, "\(name): \(errors)")
        let media = try ImageTests.entries(out).map(\.name).filter { $0.contains("/docfill-") }
        #expect(media.count == 2, "\(media)")
    }

    /// LibreOffice writes the DOCX pictures as the `mc:Choice` of an `mc:AlternateContent` with
    /// a VML `mc:Fallback` showing the placeholder's picture: the filled picture replaces the
    /// whole wrapper, so no reader can show the placeholder instead.
    @Test func noFallbackShowsThePlaceholder() throws {
        for (signature, seal) in [("images/gray.jpg", "images/red.png"), (nil, nil)] as [(String?, String?)] {
            let out = try Self.render("bao-cao-dang-uy.docx", signature: signature, seal: seal)
            let xml = try ImageTests.text(out, "word/document.xml")
            #expect(!xml.contains("AlternateContent") && !xml.contains("<w:pict") && !xml.contains("v:imagedata"))
            #expect(xml.components(separatedBy: "<w:drawing>").count - 1 == (signature == nil ? 0 : 2))
        }
        let template = try ImageTests.text(ReportTemplateTests.template("bao-cao-dang-uy.docx"), "word/document.xml")
        #expect(template.components(separatedBy: "<mc:AlternateContent>").count - 1 == 2)
    }

    @Test(arguments: ReportTemplateTests.templates)
    func withoutPicturesNothingIsLeft(_ name: String) throws {
        let out = try Self.render(name, signature: nil, seal: nil)
        let part = name.hasSuffix(".docx") ? "word/document.xml" : "content.xml"
        let xml = try ImageTests.text(out, part)
        #expect(!xml.contains(name.hasSuffix(".docx") ? "<w:drawing" : "<draw:frame"))
        #expect(!xml.contains("{{"))
    }
}

extension PrintTests {
    /// The signature with the seal, and the signature alone: two and one pictures in the PDF.
    @Test func reportSignaturePicturesPrint() throws {
        let dir = TestPaths.scratch()
        var jobs: [PDFJob] = [], expected: [Int] = []
        for name in ["bao-cao-ubnd.docx", "bao-cao-dang-uy.odt"] {
            for (seal, count) in [("images/red.png", 2), (nil, 1)] as [(String?, Int)] {
                let out = try ReportImageTests.render(name, signature: "images/gray.jpg", seal: seal)
                jobs.append(PDFJob(input: out, output: dir.appendingPathComponent("\(name)-\(count).pdf").path))
                expected.append(count)
            }
        }
        for ((job, result), count) in zip(zip(jobs, try PDFConverter().convert(jobs)), expected) {
            if case .failure(let error) = result { Issue.record("\(job.input): \(error)"); continue }
            let rows = try Self.tool("pdfimages", ["-list", job.output]).split(separator: "\n").dropFirst(2)
            #expect(rows.count == count, "\(job.output)")
        }
    }
}

/// Pictures leaving their `mc:AlternateContent` wrapper keep the namespaces declared on it.
struct CompatibilityWrapperTests {
    /// images.docx with `edit` applied to its main part, written to a scratch file.
    static func template(_ edit: (String) -> String, name: String = #function) throws -> String {
        let path = TestPaths.scratch(name).appendingPathComponent("template.docx").path
        let writer = try ZipWriter(path: path)
        for entry in try ImageTests.entries(TestPaths.fixture("images.docx")) {
            let bytes = entry.name == "word/document.xml" ? Array(edit(String(decoding: entry.bytes, as: UTF8.self)).utf8) : entry.bytes
            try writer.add(name: entry.name, bytes: bytes)
        }
        try writer.close()
        return path
    }

    /// Other generators declare namespaces on the wrapper or the choice rather than the root.
    @Test func declarationsOnTheWrapperMoveToThePicture() throws {
        let a = #" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#
        let path = try Self.template { xml in
            xml.replacingOccurrences(of: "<a:graphic" + a, with: "<a:graphic")
                .replacingOccurrences(of: #"<mc:Choice Requires="wps">"#, with: #"<mc:Choice Requires="wps""# + a + ">")
        }
        #expect(try ImageTests.text(path, "word/document.xml").contains(#"<mc:Choice Requires="wps""# + a))
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        try DocumentTemplate(contentsOf: path).render(try ImageTests.data(), to: out, options: RenderOptions(baseDirectory: ImageTests.base))
        let xml = try ImageTests.text(out, "word/document.xml")
        #expect(!xml.contains("AlternateContent"))
        // The output parses: every prefix it uses is declared where it is used.
        _ = try XMLParser.parse(Array(xml.utf8), file: out, part: "word/document.xml")
        // The fixture is raw LibreOffice output with its known schema errors: none is added.
        let added = try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: TestPaths.fixture("images.docx")))
        #expect(added.isEmpty, "\(added)")
    }

    /// A fallback holding a drawing of its own (not VML) goes with its wrapper: its tag is not
    /// listed as a picture that no render would fill.
    @Test func aDrawingInTheFallbackGoesWithTheWrapper() throws {
        let original = try DocumentTemplate(contentsOf: TestPaths.fixture("images.docx")).tags.filter(\.isImage).count
        let path = try Self.template { xml in
            guard let choice = xml.range(of: #"<mc:Choice Requires="wps">"#),
                  let choiceEnd = xml.range(of: "</mc:Choice>", range: choice.upperBound..<xml.endIndex),
                  let fallback = xml.range(of: "<mc:Fallback>", range: choiceEnd.upperBound..<xml.endIndex),
                  let fallbackEnd = xml.range(of: "</mc:Fallback>", range: fallback.upperBound..<xml.endIndex) else { return xml }
            return xml.replacingCharacters(in: fallback.upperBound..<fallbackEnd.lowerBound,
                                           with: String(xml[choice.upperBound..<choiceEnd.lowerBound]))
        }
        let template = try DocumentTemplate(contentsOf: path)
        func drawings(_ path: String) throws -> Int {
            try ImageTests.text(path, "word/document.xml").components(separatedBy: "<w:drawing>").count - 1
        }
        #expect(try drawings(path) == drawings(TestPaths.fixture("images.docx")) + 1)
        #expect(template.tags.filter(\.isImage).count == original)
    }
}
