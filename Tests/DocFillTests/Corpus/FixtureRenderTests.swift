import Foundation
import Testing
@testable import DocFill

/// Renders every fixture (made by LibreOffice) with its data and compares the document's text
/// with the hand-written oracle, for DOCX and ODT alike.
struct FixtureRenderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let template: String
        var testDescription: String { template }
    }

    static let names = ["variables", "header-footer", "row-loop", "multi-row-loop", "paragraph-loop",
                        "inline-loop", "empty-table", "docxtemplater-syntax", "odt-specifics"]
    static let cases: [Case] = names.flatMap { name in ["docx", "odt", "fodt"].map { Case(name: name, template: "\(name).\($0)") } }
        + [Case(name: "variables", template: "variables-prooferr.docx")]

    static func options(for name: String) -> CompileOptions {
        name == "docxtemplater-syntax" ? CompileOptions(delimiters: Delimiters(open: "{", close: "}")) : CompileOptions()
    }

    static func data(_ name: String) throws -> Value {
        jsonValue(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("\(name).json")))))
    }

    static func render(_ c: Case) throws -> String {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture(c.template), options: options(for: c.name))
        let ext = (c.template as NSString).pathExtension
        let out = TestPaths.scratch(c.template).appendingPathComponent("out.\(ext)").path
        try template.render(try data(c.name), to: out)
        return out
    }

    @Test(arguments: cases)
    func textMatchesOracle(_ c: Case) throws {
        let out = try Self.render(c)
        let expected = try String(contentsOfFile: TestPaths.fixture("\(c.name).expected.txt"), encoding: .utf8)
        let text = try DocumentText.extract(out)
        #expect(text == expected.trimmingCharacters(in: .newlines))
    }
}

extension PrintTests {
    /// Every ODT (and flat ODT) fixture render opens in LibreOffice: one run converts all of
    /// them to PDF, and each PDF has its text.
    @Test func everyRenderedODTConvertsToPDF() throws {
        let dir = TestPaths.scratch()
        let cases = FixtureRenderTests.cases.filter { !$0.template.hasSuffix(".docx") }
        var jobs: [PDFJob] = []
        for c in cases {
            let out = try FixtureRenderTests.render(c)
            jobs.append(PDFJob(input: out, output: dir.appendingPathComponent(c.template + ".pdf").path))
        }
        let results = try PDFConverter().convert(jobs)
        for (c, (job, result)) in zip(cases, zip(jobs, results)) {
            if case .failure(let error) = result { Issue.record("\(c.template): \(error)"); continue }
            let expected = try String(contentsOfFile: TestPaths.fixture("\(c.name).expected.txt"), encoding: .utf8)
            let firstLine = expected.split(separator: "\n").first.map(String.init) ?? ""
            let text = try Self.firstPageText(job.output)
            #expect(text.contains(firstLine.split(separator: " ").first.map(String.init) ?? ""), "\(c.template): \(text)")
        }
    }
}
