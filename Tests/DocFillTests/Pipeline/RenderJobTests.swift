import Foundation
import Testing
import OfficialReport
@testable import DocFill

/// `RenderJob`, the render pipeline the CLI's render, check and batch run, called directly.
struct RenderJobTests {
    static let models = DataModels([OfficialReportModel()])
    static let partyTemplate = TestPaths.repo.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path
    static let party2024 = TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2024.yaml").path

    static func variables() throws -> (DocumentTemplate, Value) {
        (try DocumentTemplate(contentsOf: TestPaths.fixture("variables.docx")),
         try DataLoader.load(contentsOf: TestPaths.fixture("variables.json")))
    }

    @Test func aToDoMarkIsRefusedWithItsPathAndADraftWarnsAndRenders() throws {
        let (template, value) = try Self.variables()
        guard case .object(var fields) = value else { Issue.record("not an object"); return }
        fields["title"] = .string("TODO: the title")
        let refused = RenderJob(data: .value(.object(fields), name: "data.json"))
        let error = #expect(throws: DocFillError.self) { try refused.renderData(template) }
        #expect(error?.code == "open_todo")
        #expect(error?.description.hasPrefix("data.json") == true)
        #expect(error?.description.contains("title") == true)

        let draft = RenderJob(data: .value(.object(fields), name: "data.json"), draft: true)
        let (document, warnings) = try draft.renderData(template)
        #expect(warnings.map(\.code) == ["open_todo"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(!document.isEmpty)
    }

    @Test func theDeclaredModelIsFoundInTheRegistryOrIsAnUnknownModel() throws {
        let template = try DocumentTemplate(contentsOf: Self.partyTemplate)
        #expect(template.declaredModel?.value == "official-report:party")
        let job = RenderJob(data: .file(Self.party2024), models: Self.models)
        let prepared = try job.prepare(declared: { template.declaredModel }, warn: { _ in })
        #expect(prepared.model?.name == "official-report")
        // The view, not the data as written: a computed name of the model.
        #expect(prepared.value["number_line"] != nil)

        let withoutModels = RenderJob(data: .file(Self.party2024))
        let error = #expect(throws: DocFillError.self) {
            try withoutModels.prepare(declared: { template.declaredModel }, warn: { _ in })
        }
        #expect(error?.code == "unknown_model")
        #expect(error?.description.contains("which docfill does not know (known: ); give --model NAME") == true)

        let none = RenderJob(data: .file(Self.party2024), model: .none, models: Self.models)
        #expect(try none.prepare(declared: { template.declaredModel }, warn: { _ in }).model == nil)
    }

    @Test func theSameBytesAsTheTemplateRenderingTheModelView() throws {
        let template = try DocumentTemplate(contentsOf: Self.partyTemplate)
        let job = RenderJob(data: .file(Self.party2024), models: Self.models)
        let (document, _) = try job.renderData(template)
        let view = try Report.from(try DataLoader.load(contentsOf: Self.party2024)).templateValue()
        #expect(document == (try template.renderData(view, options: job.options)))

        let out = TestPaths.scratch().appendingPathComponent("report.docx").path
        try job.render(template, to: out)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == document)
    }

    @Test func aModelErrorIsPlacedAtItsLine() throws {
        let dir = TestPaths.scratch()
        let data = dir.appendingPathComponent("bad.yaml")
        var text = try String(contentsOfFile: TestPaths.repo.appendingPathComponent("Samples/party-from-code.yaml").path, encoding: .utf8)
        text = text.replacingOccurrences(of: "date: \"2024-12-20\"", with: "date: \"2024-13-45\"")
        try text.write(to: data, atomically: true, encoding: .utf8)
        let template = try DocumentTemplate(contentsOf: Self.partyTemplate)
        let job = RenderJob(data: .file(data.path), models: Self.models)
        let error = #expect(throws: DocFillError.self) { try job.renderData(template) }
        #expect(error?.diagnostics.first?.location.file == data.path)
        #expect(error?.diagnostics.first?.location.line == 10)
    }

    @Test func checkReportsTheModelsFindingsAndTheTemplatesProblems() throws {
        let job = RenderJob(data: .value(.object(["kind": .string("party")]), name: "x.yaml"), models: Self.models)
        let template = try DocumentTemplate(contentsOf: Self.partyTemplate)
        #expect(throws: DocFillError.self) {
            _ = try job.check(declared: template.declaredModel) { value, unused in
                TemplateCheck.check(template, data: value, dataFile: "x.yaml", unusedKeys: unused)
            }
        }
        let plain = RenderJob(data: .value(.object(["title": .string("T")]), name: "x.json"))
        let (variables, _) = try Self.variables()
        let (diagnostics, prepared) = try plain.check(declared: nil) { value, unused in
            #expect(unused)
            return TemplateCheck.check(variables, data: value, dataFile: "x.json", unusedKeys: unused)
        }
        #expect(prepared.model == nil)
        #expect(diagnostics.contains { $0.code == "unknown_name" })
    }
}
