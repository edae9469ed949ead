import Foundation
import Testing
@testable import DocFill

/// `docfill render` starts compiling its guess of the template before parsing the arguments.
/// A wrong guess (another document, other delimiters) must never change the result: the
/// output is byte for byte the library's render with the parsed options.
struct SpeculativeCompileTests {
    static func expected(_ template: String, _ data: String, options: CompileOptions = CompileOptions()) throws -> Data {
        let out = TestPaths.scratch().appendingPathComponent("expected-\(UUID().uuidString).docx").path
        let base = URL(fileURLWithPath: data).deletingLastPathComponent().path
        try DocumentTemplate(contentsOf: template, options: options)
            .render(try DataLoader.load(contentsOf: data), to: out, options: RenderOptions(baseDirectory: base))
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    /// The output path names an existing document and comes first: it is not the guess.
    @Test func outputBeforeTheTemplate() throws {
        let dir = TestPaths.scratch()
        let out = dir.appendingPathComponent("out.docx").path
        try FileManager.default.copyItem(atPath: TestPaths.fixture("variables.docx"), toPath: out)
        let (template, data) = (TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json"))
        let r = try CLITests.docfill(["render", "-o", out, template, data])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Self.expected(template, data))
    }

    /// The guess is compiled with `{{ }}`; the command asks for `{ }`: the guess is dropped.
    @Test func otherDelimiters() throws {
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let (template, data) = (TestPaths.fixture("docxtemplater-syntax.docx"), TestPaths.fixture("docxtemplater-syntax.json"))
        let r = try CLITests.docfill(["render", template, data, "-o", out, "--delimiters", "{ }"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out))
                == Self.expected(template, data, options: CompileOptions(delimiters: Delimiters(open: "{", close: "}"))))
    }

    /// A template that does not compile reports its errors once, as without the guess.
    @Test func templateErrorsAreReportedOnce() throws {
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("error-mismatch.docx"), TestPaths.fixture("row-loop.json"), "-o", out])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("error-mismatch.docx:word/document.xml:") && lines[0].contains("error[mismatched_close]"),
                "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
