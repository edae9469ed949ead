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
