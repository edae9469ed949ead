import Foundation
import OfficialReport
import Testing
@testable import DocFill

/// The steps the CLI used to hold, called directly the way a server would: next year's data,
/// a template's schema, the last render step for text and document templates, the model hint.
struct PipelineStepTests {
    static let reportTemplate = TestPaths.repo.appendingPathComponent("Templates/bao-cao-dang-uy.docx").path
    static let sample2023 = TestPaths.repo.appendingPathComponent("Samples/pho-hoa-2023.yaml").path

    @Test func relativePathsClimbOutOfTheNewFilesFolder() {
        #expect(NextYearJob.relativePath(of: "/a/b/2023.yaml", from: "/a/b/2024.yaml") == "2023.yaml")
        #expect(NextYearJob.relativePath(of: "/a/b/2023.yaml", from: "/a/b/new/2024.yaml") == "../2023.yaml")
        #expect(NextYearJob.relativePath(of: "/a/x/2023.yaml", from: "/a/y/z/2024.yaml") == "../../x/2023.yaml")
        #expect(NextYearJob.relativePath(of: "/a/b/old/2023.yaml", from: "/a/b/2024.yaml") == "old/2023.yaml")
    }

    @Test func nextYearWritesTheFileAndCountsItsTodos() throws {
        let dir = TestPaths.scratch()
        let old = dir.appendingPathComponent("pho-hoa-2023.yaml").path
        try FileManager.default.copyItem(atPath: Self.sample2023, toPath: old)
        let new = dir.appendingPathComponent("2024/pho-hoa-2024.yaml").path
        try FileManager.default.createDirectory(atPath: dir.appendingPathComponent("2024").path, withIntermediateDirectories: true)
        let outcome = try NextYearJob(data: old, output: new, model: OfficialReportModel()).run()
        // The number, the subject and six paragraphs naming 2023; the appendices are history.
        #expect(outcome == NextYearJob.Outcome(written: new, todos: 8))
        let text = try String(contentsOfFile: new, encoding: .utf8)
        #expect(text.contains("\nextends: \"../pho-hoa-2023.yaml\"\ndate: \"2024-08-15\"  # was 2023-08-15\n"))
        // The same file as the model's own roll-forward.
        let made = try OfficialReportModel().nextYear(from: try DataLoader.load(contentsOf: old), extends: "../pho-hoa-2023.yaml",
                                                      source: "pho-hoa-2023.yaml")
        #expect(made.yaml == text)

        // Not again over it without `force`; with it, the same file.
        let again = #expect(throws: DocFillError.self) { try NextYearJob(data: old, output: new, model: OfficialReportModel()).run() }
        #expect(again?.description == "\(new): error[output_exists]: \(new) exists; give another -o, or --force to replace it")
        #expect(try NextYearJob(data: old, output: new, model: OfficialReportModel(), force: true).run().todos == 8)
        #expect(try String(contentsOfFile: new, encoding: .utf8) == text)
    }

    @Test func nextYearNeedsThisYearsFileByItsPath() {
        let error = #expect(throws: DocFillError.self) {
            try NextYearJob(data: "-", output: "new.yaml", model: OfficialReportModel()).run()
        }
        #expect(error?.description == "error[invalid_option]: next-year needs this year's data as a file, to extend it by its path")
    }

    @Test func schemaIsTheModelsOrTheTagsImply() throws {
        let models = DataModels([OfficialReportModel()])
        let report = try LoadedTemplate.load(Self.reportTemplate, options: CompileOptions())
        // The report template declares its model: its schema is the model's, unless refused.
        #expect(try report.schema(model: .declared, models: models) == OfficialReportModel().schema)
        let own = try report.schema(model: .none, models: models)
        #expect(own == SchemaInference.schema(of: try report.outline()))
        #expect(own != OfficialReportModel().schema)

        let dir = TestPaths.scratch()
        let text = dir.appendingPathComponent("letter.txt").path
        try "Dear {{name}},{{#items}} {{.}}{{/items}}\n".write(toFile: text, atomically: true, encoding: .utf8)
        let loaded = try LoadedTemplate.load(text, options: CompileOptions())
        #expect(loaded.declaredModel == nil)
        let schema = try loaded.schema(model: .declared, models: models)
        guard case .object(let fields) = schema, case .object(let properties)? = fields["properties"] else {
            Issue.record("no properties in \(schema)"); return
        }
        #expect(properties.keys.sorted() == ["items", "name"])
    }

    @Test func writeRendersATextTemplate() throws {
        let dir = TestPaths.scratch()
        let text = dir.appendingPathComponent("letter.txt").path
        try "Dear {{name}},\n".write(toFile: text, atomically: true, encoding: .utf8)
        let job = RenderJob(data: .value(.object(["name": .string("Lan")]), name: "data"))
        let prepared = try job.prepare(declared: { nil }, warn: { Issue.record("warning \($0)") })
        let out = dir.appendingPathComponent("letter.out").path
        try job.write(prepared, with: try LoadedTemplate.load(text, options: CompileOptions()), to: try OutputTarget(out))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "Dear Lan,\n")
    }

    @Test func textTemplatesMustBeUTF8() throws {
        let file = TestPaths.scratch().appendingPathComponent("latin1.txt").path
        try Data([0x7B, 0x7B, 0x6E, 0x7D, 0x7D, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: file))
        let error = #expect(throws: DocFillError.self) { try LoadedTemplate.load(file, options: CompileOptions()) }
        #expect(error?.description == "\(file): error[invalid_utf8]: the text template is not readable UTF-8")
    }

    @Test func writeChecksTheDocumentsOutputExtension() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("variables.docx"))
        let job = RenderJob(data: .file(TestPaths.fixture("variables.json")))
        let prepared = try job.prepare(declared: { nil }, warn: { _ in })
        let out = TestPaths.scratch().appendingPathComponent("out.odt").path
        let error = #expect(throws: DocFillError.self) {
            try job.write(prepared, with: .document(template), to: try OutputTarget(out))
        }
        #expect(error?.code == "output_format_mismatch")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Rendering the report's data without its model misses the view's names; the error comes
    /// back with the line naming the model.
    @Test func writeAddsTheModelHint() throws {
        let models = DataModels([OfficialReportModel()])
        let template = try DocumentTemplate(contentsOf: Self.reportTemplate)
        let job = RenderJob(data: .file(Self.sample2023), model: .none, models: models)
        let prepared = try job.prepare(declared: { template.declaredModel }, warn: { _ in })
        #expect(prepared.model == nil)
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let error = #expect(throws: HintedError.self) {
            try job.write(prepared, with: .document(template), to: try OutputTarget(out))
        }
        #expect(error?.hint == "hint: these names come from the 'official-report' model; add --model official-report")
        #expect(error?.error.diagnostics.allSatisfy { $0.code == "unknown_name" } == true)
        // No hint from an empty registry, nor when a model is in force.
        #expect(ModelHint.line(for: error?.error.diagnostics ?? [], model: nil, data: prepared.value,
                               template: .document(template), models: DataModels()) == nil)
        #expect(ModelHint.line(for: error?.error.diagnostics ?? [], model: OfficialReportModel(), data: prepared.value,
                               template: .document(template), models: models) == nil)
    }

    /// Each batch record goes through the data steps alone: a to-do is its record's error,
    /// or in a draft a warning naming the record.
    @Test func batchPreparationRunsTheDataStepsPerRecord() throws {
        let value = Value.object(["name": .string("TODO: tên")])
        let record = BatchRecord(index: 0, source: "records.jsonl:1", data: .success(value))
        let strict = RenderJob.batchPreparation(model: nil, draft: false)
        let error = #expect(throws: DocFillError.self) { try strict(value, record) { Issue.record("warning \($0)") } }
        #expect(error?.code == "open_todo")
        #expect(error?.description.hasPrefix("records.jsonl:1") == true, "\(error?.description ?? "")")

        var warnings: [String] = []
        let draft = RenderJob.batchPreparation(model: nil, draft: true)
        #expect(try draft(value, record) { warnings.append($0.code) } == .object(["name": .string("[TODO: tên]")]))
        #expect(warnings == ["open_todo"])
    }
}
