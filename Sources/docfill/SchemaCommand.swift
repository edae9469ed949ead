import ArgumentParser
import DocFill

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of the data a template needs, or of a data model.",
        discussion: """
        With TEMPLATE: objects and lists from sections, scalars from values, and as `required` the names a strict render always reads. With --model official-report, or a TEMPLATE that declares that model (its docfill.model property): the schema of the report data file; --model none gives the template's own. Keys are sorted, so the output is the same on every run.
        """)

    @Argument(help: "The template (.docx, .odt, .fodt or text).") var template: String?
    @Option(help: "Print the schema of a typed data model instead: official-report, or none (default: the model the template declares).") var model: ModelOption?
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        if template == nil, model == nil || model == .off {
            throw ValidationError("give a TEMPLATE or --model MODEL")
        }
    }

    func run() throws {
        do {
            guard let template else {
                if case .model(let name) = model, let model = knownModels.named(name) { printJSON(model.schema) }
                return
            }
            let loaded = try LoadedTemplate.load(template, options: try templateOptions.compileOptions())
            printJSON(try loaded.schema(model: model.choice, models: knownModels))
        } catch {
            reportAndExit(error)
        }
    }
}
