import Foundation
import Testing
@testable import DocFill

/// A rich value's italic reaches the PDF: LibreOffice converts the rendered DOCX and ODT
/// and the PDF embeds an italic font. Needs soffice and poppler-utils, as `PrintTests`.
@Suite(.serialized) struct RichTextPrintTests {
    @Test(arguments: ["docx", "odt"])
    func italicRunPrintsInAnItalicFont(_ format: String) throws {
        let dir = TestPaths.scratch("richprint" + format)
        let data = dir.appendingPathComponent("data.json").path
        try #"{"title": {"md": "Plain and *italic words* here"}, "customer": {"name": "A", "city": "B"}, "raw": "", "note": "", "lines": "", "vip": false}"#
            .write(toFile: data, atomically: true, encoding: .utf8)
        let pdf = dir.appendingPathComponent("out.pdf").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("variables.\(format)"), data, "-o", pdf])
        #expect(r.status == 0, "\(r.stderr)")
        let fonts = try PrintTests.tool("pdffonts", [pdf])
        #expect(fonts.split(separator: "\n").contains { $0.contains("Italic") || $0.contains("Oblique") }, "\(fonts)")
        #expect(try PrintTests.firstPageText(pdf).contains("Plain and italic words here"))
    }
}
