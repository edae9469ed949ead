import ArgumentParser
import DocFill
import Foundation
import OfficialReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem rendering DATA with TEMPLATE would meet, writing nothing.",
        discussion: """
        Errors: names missing from the data, sections over a value of the wrong kind (e.g. a string where the section reads names of an object), and with a model (--model, or the one the template declares; --model none: no model) the model's findings, values still marked TODO (open_todo; warnings with --draft). Warnings: data keys no tag reads, the model's consistency findings (a stated total its rows contradict), years of the base file's period left in the header, title or date line (stale_year, for data that extends last year's). One compiler-style line each on stdout, then a hint line when a model would supply the missing names; the exit status is 0 when there is no error (warnings allowed), 1 otherwise.
        """)

    @Argument(help: "The template (.docx, .odt, .fodt or text).") var template: String
    @Argument(help: "The data file (.json, .yaml, .yml) or - for stdin.") var data: String
    @Option(help: "Decode and check the data as a typed model: official-report, or none (default: the model the template declares).") var model: ModelOption?
    @Flag(help: "Accept values still marked TODO (as warnings), as a draft render would.") var draft = false
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        var diagnostics: [Diagnostic]
        var hint: String?
        do {
            (diagnostics, hint) = try check()
        } catch let error as DocFillError {
            diagnostics = error.diagnostics
        } catch {
            reportAndExit(error)
        }
        for d in diagnostics { print(d.description) }
        if let hint { print(hint) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    private func check() throws -> ([Diagnostic], hint: String?) {
        let loaded = try LoadedTemplate.load(template, options: try templateOptions.compileOptions())
        let model = try DataModel.inForce(self.model, declared: loaded.declaredModel)
        let input = try DataInput.load(data, model: model, draft: draft, limits: try dataOptions.limits())
        var value = input.value
        var findings = input.diagnostics
        // With a model the template reads the model's view, full of computed keys a template
        // picks from: unread keys there are no mistake. Keys the model itself does not know
        // are, since decoding drops them silently.
        var unusedKeys = true
        if let model {
            let (modelFindings, view) = try model.check(value, file: data, places: input.places, excusing: input.todoPaths)
            findings += modelFindings
            value = view
            unusedKeys = false
        }
        let problems = try loaded.check(value, dataFile: data, unusedKeys: unusedKeys)
        return (findings + problems, ModelHint.line(for: problems, model: model, data: value, template: loaded))
    }
}

extension DataModel {
    /// All of the model's findings on the data (errors and warnings), and the view the
    /// template reads.
    func check(_ value: Value, file: String, places: [String: SourceLocation] = [:],
               excusing: Set<String> = []) throws -> ([Diagnostic], Value) {
        switch self {
        case .officialReport:
            let report = try Report.from(value, file: file)
            let unknown = SchemaKeys.unknownKeys(in: value, schema: ReportSchema.schema).map {
                Diagnostic("unused_key", "'\($0)' is not a key of the official report model; it is ignored",
                           at: SourceLocation(file: file), severity: .warning)
            }
            return (report.diagnostics(file: file, places: places, excusing: excusing) + unknown, try report.templateValue())
        }
    }
}
