import Foundation
import Testing
@testable import DocFill

/// The library as a Swift developer uses it: any Encodable model, compile once, render many.
struct LibraryAPITests {
    struct Customer: Encodable { var name: String; var city: String }
    struct Model: Encodable {
        var title: String
        var customer: Customer
        var raw: String
        var note: String
        var lines: String
        var vip: Bool
        var nickname: String?   // absent optionals are empty values, not missing names
    }

    @Test func rendersAnEncodableModel() throws {
        let model = Model(title: "Quarterly Report", customer: Customer(name: "Nguyễn Văn An", city: "Hà Nội"),
                          raw: "<b>A & B</b>", note: "đường phố", lines: "first\nsecond\tafter tab", vip: true, nickname: nil)
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("variables.docx"))
        let out = TestPaths.scratch().appendingPathComponent("model.docx").path
        try template.render(model, to: out)
        let expected = try String(contentsOfFile: TestPaths.fixture("variables.expected.txt"), encoding: .utf8)
        #expect(try DocumentText.extract(out) == expected.trimmingCharacters(in: .newlines))
    }

    /// A custom filter is given once, at compile time: every render of the compiled template
    /// applies it (it used to be needed in `RenderOptions` too, or each render failed).
    @Test func customFiltersAreGivenOnceAtCompileTime() throws {
        var filters = FilterSet.standard
        filters.register("shout") { value, _ in .string((value.scalarText ?? "").uppercased() + "!") }
        let source = try TestPackage.make(from: "variables.docx", [
            "word/document.xml": TestPackage.text(TestPackage.wordDocument("<w:p><w:r><w:t>{{ name | shout }}</w:t></w:r></w:p>")),
        ])
        let template = try DocumentTemplate(contentsOf: source, options: CompileOptions(filters: filters))
        let out = TestPaths.scratch().appendingPathComponent("shout.docx").path
        try template.render(.object(["name": .string("an")]), to: out)
        #expect(try DocumentText.extract(out) == "AN!")
        let text = try TextTemplate("{{ name | shout }}", filters: filters)
        #expect(try text.render(.object(["name": .string("bình")])) == "BÌNH!")
    }

    @Test func compiledTemplateRendersConcurrently() async throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("row-loop.docx"))
        let data = try DataLoader.load(contentsOf: TestPaths.fixture("row-loop.json"))
        let dir = TestPaths.scratch()
        try await withThrowingTaskGroup(of: Data.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let out = dir.appendingPathComponent("out-\(i).docx").path
                    try template.render(data, to: out)
                    return try Data(contentsOf: URL(fileURLWithPath: out))
                }
            }
            var results: [Data] = []
            for try await d in group { results.append(d) }
            #expect(results.count == 8 && results.allSatisfy { $0 == results[0] })
        }
    }

    @Test func debugPlanShowsTheTree() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("paragraph-loop.docx"))
        let plan = template.dumpPlan()
        #expect(plan.contains("section {{#parts}}"))
        #expect(plan.contains("  section {{#sections}}") || plan.contains("    section {{#sections}}"))
    }
}
