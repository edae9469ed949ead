import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// The `DataModel` protocol and the `DataModels` registry the CLI picks models from by name.
struct DataModelsTests {
    /// A model of a program's own: a greeting whose view adds a computed line.
    struct Greeting: DataModel {
        var name: String { "greeting" }
        var schema: Value { .object(["type": .string("object")]) }
        func check(_ value: Value, file: String, places: [String: DocFill.SourceLocation], excusing: Set<String>,
                   unknownKeys: Bool) throws -> (findings: [Diagnostic], view: Value) {
            guard case .string(let who)? = value["who"] else {
                return ([Diagnostic("missing_who", "who: is missing", at: DocFill.SourceLocation(file: file))], value)
            }
            return ([Diagnostic("short", "who: is short", at: DocFill.SourceLocation(file: file), severity: .warning)],
                    .object(["line": .string("Hello, \(who)!")]))
        }
        func staleYears(_ value: Value, base: Value, file: String, places: [String: DocFill.SourceLocation]) -> [Diagnostic] { [] }
        func quietView(_ value: Value) -> Value? { nil }
    }

    @Test func modelsAreFoundByNameInTheOrderRegistered() {
        var models = DataModels([OfficialReportModel()])
        models.register(Greeting())
        #expect(models.names == ["official-report", "greeting"])
        #expect(models.named("greeting") is Greeting)
        #expect(models.named("nothing") == nil)
        models.register(OfficialReportModel())
        #expect(models.names == ["official-report", "greeting"])
    }

    @Test func anUndeclaredNameIsAnUnknownModelAtThePropertysPlace() throws {
        let models = DataModels([OfficialReportModel(), Greeting()])
        let declared = DeclaredProperty(value: "invoice", location: DocFill.SourceLocation(file: "t.docx", part: "docProps/custom.xml", line: 2))
        let error = #expect(throws: DocFillError.self) { try models.inForce(.declared, declared: declared) }
        #expect(error?.description == "t.docx:docProps/custom.xml:2: error[unknown_model]: the template's property 'docfill.model' names the model 'invoice', which docfill does not know (known: official-report, greeting); give --model NAME, or --model none to render without a model")
        #expect(try models.inForce(.none, declared: declared) == nil)
        #expect(try models.inForce(.model(Greeting()), declared: declared)?.name == "greeting")
        #expect(try models.inForce(.declared, declared: nil) == nil)
    }

    @Test func aModelOfAProgramsOwnRunsInTheJob() throws {
        let path = try TestPackage.make(from: "variables.docx", [
            "word/document.xml": TestPackage.text(TestPackage.wordDocument("<w:p><w:r><w:t>{{line}}</w:t></w:r></w:p>"))])
        let template = try DocumentTemplate(contentsOf: path)
        let job = RenderJob(data: .value(.object(["who": .string("An")]), name: "d.json"), model: .model(Greeting()))
        let (document, warnings) = try job.renderData(template)
        #expect(warnings.map(\.code) == ["short"])
        let out = TestPaths.scratch().appendingPathComponent("out.docx")
        try document.write(to: out)
        #expect(try DocumentText.lines(contentsOf: out.path).joined().contains("Hello, An!"))

        let failing = RenderJob(data: .value(.object([:]), name: "d.json"), model: .model(Greeting()))
        let error = #expect(throws: DocFillError.self) { try failing.renderData(template) }
        #expect(error?.description == "d.json: error[missing_who]: who: is missing")
    }

    @Test func theOfficialReportModelIsTheReportsSchemaAndView() throws {
        let model = OfficialReportModel()
        #expect(model.name == "official-report")
        #expect(model.schema == ReportSchema.schema)
        let value = try DataLoader.load(contentsOf: TestPaths.repo.appendingPathComponent("Samples/party-from-code.yaml").path)
        #expect(model.quietView(value) == (try Report.from(value).templateValue()))
        #expect(model.quietView(.object(["title": .string("x")])) == nil)
        guard case .object(var fields) = value else { Issue.record("not an object"); return }
        fields["surplus"] = .int(1)
        let (findings, _) = try model.check(.object(fields), file: "r.yaml", places: [:], excusing: [], unknownKeys: true)
        #expect(findings.contains { $0.code == "unused_key" && $0.message.contains("'surplus'") })
    }
}
