import Foundation
import Testing
@testable import DocFill

/// The print steps a front end calls directly: a render to PDF, a preview of any document,
/// the output folder. Like PrintTests they need soffice and poppler-utils; serialized, since
/// each case starts LibreOffice.
@Suite(.serialized) struct PrintStepTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    @Test func aPDFGoesBesideTheDocumentsName() {
        #expect(PDFRender.target("out/report.docx") == "out/report.pdf")
        #expect(PDFRender.target("report.ODT") == "report.pdf")
        #expect(PDFRender.target("report.pdf") == "report.pdf")
        #expect(PDFRender.target("report.PDF") == "report.PDF")
        #expect(PDFRender.target("report") == "report.pdf")
        #expect(PDFRender.target("-") == "-")
        #expect(PDFRender.isRequested(by: "{{ward}}.PDF") && PDFRender.isRequested(by: "out.pdf"))
        #expect(!PDFRender.isRequested(by: "out.docx") && !PDFRender.isRequested(by: "pdf") && !PDFRender.isRequested(by: "-"))
    }

    @Test func renderToPDFLeavesOnlyThePDF() throws {
        let dir = TestPaths.scratch()
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let value = try DataLoader.load(contentsOf: TestPaths.fixture("row-loop.json"))
        let pdf = dir.appendingPathComponent("orders.pdf").path
        try PDFRender.render(template, value, to: try OutputTarget(pdf), converter: try PDFConverter())
        #expect(try PrintTests.firstPageText(pdf).contains("Apple"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.pdf"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix(".docfill-render-pdf-\(getpid())-") }
        #expect(leftovers.isEmpty)
    }

    @Test func previewConvertsADocumentFirstAndCreatesTheFolder() throws {
        let folder = TestPaths.scratch().appendingPathComponent("pages/new").path
        let images = try PagePreview.render(document: TestPaths.fixture("row-loop.docx"), to: folder, pages: [1], dpi: 30,
                                            converter: { try PDFConverter() })
        #expect(images == [(folder as NSString).appendingPathComponent("row-loop-1.png")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: images[0])).prefix(8) == Self.png)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["row-loop-1.png"])
    }

    /// A PDF is known by its content, even without its extension, and drawn without LibreOffice.
    @Test func previewOfAPDFNeverAsksForLibreOffice() throws {
        let dir = TestPaths.scratch()
        let saved = dir.appendingPathComponent("scan").path
        try PDFRender.withPDF(of: TestPaths.fixture("row-loop.docx"), stem: "row-loop", converter: try PDFConverter()) { pdf in
            try FileManager.default.copyItem(atPath: pdf, toPath: saved)
        }
        let folder = dir.appendingPathComponent("pages").path
        let images = try PagePreview.render(document: saved, to: folder, dpi: 30, converter: {
            Issue.record("a PDF was converted again")
            throw DocFillError("libreoffice_missing", "not wanted")
        })
        #expect(images == [(folder as NSString).appendingPathComponent("scan-1.png")])
    }

    @Test func anOutputFolderThatCannotBeMadeIsOneError() throws {
        let file = TestPaths.scratch().appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let folder = file.appendingPathComponent("pages").path
        let error = #expect(throws: DocFillError.self) { try OutputTarget.makeFolder(folder) }
        #expect(error?.code == "io_error")
        #expect(error?.description.hasPrefix("\(folder): error[io_error]: cannot create the output folder: ") == true)
    }
}
