import ArgumentParser
import DocFill
import OfficialReport

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of the data a template needs, or of a data model.",
        discussion: """
        With TEMPLATE: objects and lists from sections, scalars from values, and as `required` the names a strict render always reads. With --model official-report: the schema of the report data file. Keys are sorted, so the output is the same on every run.
        """)

    @Argument(help: "The template (.docx, .odt, .fodt or text).") var template: String?
    @Option(help: "Print the schema of a typed data model instead: official-report.") var model: DataModel?
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        if template == nil, model == nil { throw ValidationError("give a TEMPLATE or --model") }
        if template != nil, model != nil { throw ValidationError("give either a TEMPLATE or --model, not both") }
    }

    func run() throws {
        do {
            if let model {
                printJSON(model.schema)
                return
            }
            let outline = try LoadedTemplate.load(template!, options: try templateOptions.compileOptions()).outline()
            printJSON(SchemaInference.schema(of: outline))
        } catch {
            reportAndExit(error)
        }
    }
}

extension DataModel {
    var schema: Value {
        switch self {
        case .officialReport: return ReportSchema.schema
        }
    }
}
