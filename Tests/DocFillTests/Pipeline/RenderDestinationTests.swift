import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// Rendering to a URL, to `Data` and asynchronously gives the bytes a render to a path does;
/// a `Report` renders as its view; `DocFillError` reads as its compiler-style lines.
struct RenderDestinationTests {
    static let partyTemplate = TestPaths.repo.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path
    static let reportData = TestPaths.repo.appendingPathComponent("Samples/party-from-code.yaml").path

    @Test func dataURLAndAsyncGiveTheBytesOfAPathRender() async throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let value = try DataLoader.load(contentsOf: TestPaths.fixture("row-loop.json"))
        let dir = TestPaths.scratch()
        let path = dir.appendingPathComponent("path.docx")
        try template.render(value, to: path.path)
        let expected = try Data(contentsOf: path)
        #expect(try template.renderData(value) == expected)
        let url = dir.appendingPathComponent("url.docx")
        try template.render(value, to: url)
        #expect(try Data(contentsOf: url) == expected)
        #expect(try await template.render(value) == expected)
        // Nothing is left in the temporary folder (renderData's scratch folders; other tests
        // of this process may have their own there meanwhile).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix(".docfill-render-\(getpid())-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aURLThatIsNoFileIsRefused() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let error = #expect(throws: DocFillError.self) {
            try template.render(Value.object([:]), to: URL(string: "https://example.com/out.docx")!)
        }
        #expect(error?.description == "https://example.com/out.docx: error[io_error]: only file URLs can be written to")
    }

    @Test func aReportRendersAsItsView() async throws {
        let template = try DocumentTemplate(contentsOf: Self.partyTemplate)
        let report = try Report.from(try DataLoader.load(contentsOf: Self.reportData))
        let expected = try template.renderData(try report.templateValue())
        let out = TestPaths.scratch().appendingPathComponent("report.docx")
        try template.render(report, to: out.path)
        #expect(try Data(contentsOf: out) == expected)
        try template.render(report, to: out)
        #expect(try Data(contentsOf: out) == expected)
        #expect(try template.renderData(report) == expected)
        #expect(try await template.render(report) == expected)
    }

    @Test func anyOtherEncodableIsEncoded() throws {
        struct Title: Encodable { var title: String }
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("variables.docx"))
        let options = RenderOptions(strict: false)
        #expect(try template.renderData(Title(title: "T"), options: options)
                    == template.renderData(Value.object(["title": .string("T")]), options: options))
    }

    @Test func aDocFillErrorsLocalizedDescriptionIsItsLines() {
        let error = DocFillError([Diagnostic("unknown_name", "'{{x}}' is not in the data", at: DocFill.SourceLocation(file: "t.docx", line: 2, column: 5)),
                                  Diagnostic("open_todo", "title: still TODO", at: DocFill.SourceLocation(file: "d.yaml", line: 3))])
        let lines = "t.docx:2:5: error[unknown_name]: '{{x}}' is not in the data\nd.yaml:3: error[open_todo]: title: still TODO"
        #expect(error.localizedDescription == lines)
        #expect((error as Error).localizedDescription == lines)
        #expect(String(describing: error) == lines)
    }
}

/// `TemplateCache`: one compile per file version.
struct TemplateCacheTests {
    @Test func aTemplateIsCompiledAgainOnlyWhenItsFileChanges() throws {
        let dir = TestPaths.scratch()
        let path = dir.appendingPathComponent("t.docx").path
        try FileManager.default.copyItem(atPath: TestPaths.fixture("variables.docx"), toPath: path)
        let cache = TemplateCache()
        let first = try cache.template(at: path)
        #expect(try cache.template(at: path) === first)
        #expect(cache.count == 1)
        // Another file in its place (the row-loop template): compiled again.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: TestPaths.fixture("row-loop.docx"), toPath: path)
        let second = try cache.template(at: path)
        #expect(second !== first)
        #expect(second.tags.count != first.tags.count)
        cache.removeAll()
        #expect(cache.count == 0)
        #expect(throws: DocFillError.self) { try cache.template(at: dir.appendingPathComponent("missing.docx").path) }
    }

    @Test func aDocumentIsWrittenToAFileHandle() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let value = try DataLoader.load(contentsOf: TestPaths.fixture("row-loop.json"))
        let out = TestPaths.scratch().appendingPathComponent("handle.docx")
        #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
        let handle = try FileHandle(forWritingTo: out)
        try template.render(value, to: handle)
        try handle.close()
        #expect(try Data(contentsOf: out) == (try template.renderData(value)))
    }
}
