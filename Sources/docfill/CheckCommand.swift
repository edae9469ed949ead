import ArgumentParser
import DocFill
import Foundation

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
        let job = RenderJob(data: .file(data), model: model.choice, models: knownModels, draft: draft,
                            limits: try dataOptions.limits())
        let (diagnostics, prepared) = try job.check(declared: loaded.declaredModel) { value, unusedKeys in
            try loaded.check(value, dataFile: data, unusedKeys: unusedKeys)
        }
        return (diagnostics, ModelHint.line(for: diagnostics, model: prepared.model, data: prepared.value, template: loaded, models: knownModels))
    }
}
