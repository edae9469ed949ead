import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// Pages printed on one side or both (issue 19, item 1): plain margins by default, mirrored
/// margins when the data's `docfill.pages` or `RenderOptions.pageSides` asks, set where each
/// format keeps it (DOCX settings.xml, ODF page layouts), with the output schema-valid.
struct PageSidesTests {
    static func data(pages: String?) throws -> Value {
        var object = try DataLoader.load(contentsOf: TestPaths.fixture("variables.json"))
        if let pages, case .object(var map) = object {
            map["docfill"] = .object(["pages": .string(pages)])
            object = .object(map)
        }
        return object
    }

    static func render(_ template: String, _ data: Value, options: RenderOptions = RenderOptions(), name: String = #function) throws -> String {
        let out = TestPaths.scratch(name).appendingPathComponent("out." + (template as NSString).pathExtension).path
        try DocumentTemplate(contentsOf: template).render(data, to: out, options: options)
        return out
    }

    @Test func docxTwoSidedAddsMirrorMarginsInSchemaOrder() throws {
        let template = TestPaths.fixture("variables.docx")
        let out = try Self.render(template, try Self.data(pages: "two-sided"))
        let settings = try ImageTests.text(out, "word/settings.xml")
        #expect(settings.contains(#"<w:zoom w:percent="100"/><w:mirrorMargins/><w:defaultTabStop"#), "\(settings)")
        try RichTextReviewTests.expectValid(template, out)
        // Without a setting the part is copied as it was.
        let plain = try Self.render(template, try Self.data(pages: nil), name: "plain")
        #expect(try ImageTests.text(plain, "word/settings.xml") == ImageTests.text(template, "word/settings.xml"))
    }

    /// A template with mirrored margins prints one-sided when asked; the option wins over the data.
    @Test func docxOneSidedRemovesMirrorMarginsAndTheOptionWins() throws {
        let template = try TestPackage.make(from: "variables.docx", ["word/settings.xml": TestPackage.insert("<w:mirrorMargins/>", before: "<w:defaultTabStop")])
        var options = RenderOptions(); options.pageSides = .oneSided
        let out = try Self.render(template, try Self.data(pages: "two-sided"), options: options)
        let settings = try ImageTests.text(out, "word/settings.xml")
        #expect(!settings.contains("mirrorMargins"))
        // `w:val="false"` is off: two-sided turns it on.
        let off = try TestPackage.make(from: "variables.docx", ["word/settings.xml": TestPackage.insert(#"<w:mirrorMargins w:val="false"/>"#, before: "<w:defaultTabStop")], name: "off")
        let on = try Self.render(off, try Self.data(pages: "two-sided"), name: "on")
        #expect(try ImageTests.text(on, "word/settings.xml").contains("<w:mirrorMargins/><w:defaultTabStop"))
    }

    @Test func odtPageLayoutsAreMirroredOrPlain() throws {
        let template = TestPaths.fixture("variables.odt")
        let out = try Self.render(template, try Self.data(pages: "two-sided"))
        #expect(try ImageTests.text(out, "styles.xml").contains(#"<style:page-layout style:name="Mpm1" style:page-usage="mirrored">"#))
        try RichTextReviewTests.expectValid(template, out)
        let mirrored = try TestPackage.make(from: "variables.odt", ["styles.xml": { old in
            old!.replacingOccurrences(of: #"<style:page-layout style:name="Mpm1">"#, with: #"<style:page-layout style:name="Mpm1" style:page-usage="mirrored">"#)
        }], name: "mirrored")
        let plain = try Self.render(mirrored, try Self.data(pages: "one-sided"), name: "plain")
        #expect(try ImageTests.text(plain, "styles.xml").contains(#"<style:page-layout style:name="Mpm1" style:page-usage="all">"#))
    }

    @Test func flatODTIsMirroredToo() throws {
        let out = try Self.render(TestPaths.fixture("variables.fodt"), try Self.data(pages: "two-sided"))
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(xml.contains(#"<style:page-layout style:name="pm1" style:page-usage="mirrored">"#))
        #expect(xml.contains("Nguyễn Văn An"))
    }

    @Test func wrongSettingsAreRefusedWithTheirPath() throws {
        func message(_ settings: Value) -> String {
            do { _ = try DocumentSettings(data: .object(["docfill": settings]), file: "d.yaml"); return "accepted" } catch {
                return "\(error)"
            }
        }
        #expect(message(.object(["pages": .string("duplex")])) == "d.yaml: error[bad_setting]: docfill.pages: 'duplex' is not one-sided or two-sided")
        #expect(message(.object(["margins": .int(3)])) == "d.yaml: error[bad_setting]: docfill.margins: unknown document setting; the settings are: pages")
        #expect(message(.string("two-sided")) == "d.yaml: error[bad_setting]: docfill: document settings are a map (pages: one-sided | two-sided), not a string")
        #expect(try DocumentSettings(data: .object(["docfill": .object([:])])) == DocumentSettings())
        #expect(try DocumentSettings(data: .string("x")) == DocumentSettings())
    }

    /// The report's data chooses two-sided printing; `check` knows the key (no unused_key),
    /// a wrong value is placed at its line, and nothing is written.
    @Test func theReportDataChoosesTwoSidedPages() throws {
        let folder = TestPaths.scratch()
        let data = folder.appendingPathComponent("two.yaml").path
        let sample = try String(contentsOfFile: ReportTemplateTests.sample, encoding: .utf8)
        try (sample + "docfill:\n  pages: two-sided\n").write(toFile: data, atomically: true, encoding: .utf8)
        let check = try CLITests.docfill(["check", "Templates/bao-cao-dang-uy.odt", data])
        #expect(check.status == 0 && !check.stdout.contains("unused_key"), "\(check.stdout)")
        let out = folder.appendingPathComponent("two.odt").path
        let render = try CLITests.docfill(["render", "Templates/bao-cao-dang-uy.odt", data, "-o", out])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(try ImageTests.text(out, "styles.xml").contains(#"style:page-usage="mirrored""#))
        let docx = folder.appendingPathComponent("one.docx").path
        let optioned = try CLITests.docfill(["render", "Templates/bao-cao-dang-uy.docx", data, "--pages", "one-sided", "-o", docx])
        #expect(optioned.status == 0, "\(optioned.stderr)")
        let settings = try ImageTests.text(docx, "word/settings.xml")
        #expect(!settings.contains("mirrorMargins"))

        try (sample + "docfill:\n  pages: duplex\n").write(toFile: data, atomically: true, encoding: .utf8)
        let line = sample.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let bad = folder.appendingPathComponent("bad.docx").path
        let refused = try CLITests.docfill(["render", "Templates/bao-cao-dang-uy.docx", data, "-o", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(data):\(line):3: error[bad_setting]: docfill.pages: 'duplex' is not one-sided or two-sided"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bad))
        guard case .object(let schema) = ReportSchema.schema, case .object(let properties)? = schema["properties"] else {
            Issue.record("the report schema is not an object"); return
        }
        #expect(properties["docfill"] == DocumentSettings.schema)
    }
}

extension PrintTests {
    /// Printed two-sided, the Party report's even pages keep the binding margin (30 mm) on the
    /// right: their text starts at the outer margin on the left, odd pages at 30 mm.
    @Test func twoSidedReportPagesMirrorTheirMargins() throws {
        for name in ["bao-cao-dang-uy.docx", "bao-cao-dang-uy.odt"] {
            let template = try DocumentTemplate(contentsOf: ReportTemplateTests.template(name))
            let sample = ReportTemplateTests.sample
            var report = try Report.from(try DataLoader.load(contentsOf: sample), file: sample).templateValue()
            if case .object(var map) = report { map["docfill"] = .object(["pages": .string("two-sided")]); report = .object(map) }
            let doc = TestPaths.scratch().appendingPathComponent(name).path
            try template.render(report, to: doc)
            let pdf = doc + ".pdf"
            try PDFConverter().convert(doc, to: pdf)
            let starts = try [2, 3].map { page in try Self.words(pdf, page: page).filter { $0.yMin > 60 }.map(\.xMin).min() ?? 0 }
            #expect(starts[0] < 70 && abs(starts[1] - 85) < 2, "\(name): even page text at \(starts[0]) pt, odd at \(starts[1]) pt")
        }
    }
}
