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
