import ArgumentParser
import DocFill
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template with data into a new document.",
        discussion: """
        TEMPLATE is a .docx, .odt or plain-text file (its format is read from its content).
        DATA is .json, .yaml/.yml, or - for standard input. Names missing from the data are
        errors (all reported at once) unless --lenient is given. The output is written to a
        temporary file and renamed into place, so a failed render leaves nothing behind.
        """)

    @Argument(help: "The template.") var template: String
    @Argument(help: "The data file (.json, .yaml, .yml) or - for stdin.") var data: String
    @Option(name: .shortAndLong, help: "The output file.") var output: String
    @Flag(help: "Render names missing from the data as empty instead of failing.") var lenient = false
    @Flag(help: "Print the compiled render plan to stdout.") var debugPlan = false
    @Option(help: "Decode and check the data as a typed model: official-report.") var model: DataModel?
    @Flag(help: "Write a PDF through LibreOffice (OUT with a .pdf extension); implied when OUT ends in .pdf.") var pdf = false
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var printOptions: PrintOptions

    func run() throws {
        do {
            let options = try templateOptions.compileOptions()
            var value = try DataLoader.load(contentsOf: data, limits: try dataOptions.limits())
            if let model { value = try model.prepare(value, file: data) }
            let renderOptions = RenderOptions(strict: !lenient)
            let wantsPDF = pdf || output.lowercased().hasSuffix(".pdf")
            if wantsPDF, try TemplateKind.of(template) == .text {
                throw DocFillError("pdf_needs_document", "only .docx, .odt and .fodt templates can be converted to PDF",
                                   at: SourceLocation(file: template))
            }
            if try TemplateKind.of(template) == .text {
                try TextFile.render(template: template, data: value, output: output, delimiters: options.delimiters,
                                    options: renderOptions)
                return
            }
            let compiled = try DocumentTemplate(contentsOf: template, options: options)
            if debugPlan { print(compiled.dumpPlan(), terminator: "") }
            if wantsPDF {
                try PDFOutput.render(compiled, value, to: PDFOutput.target(output), options: renderOptions,
                                     converter: try printOptions.converter())
            } else {
                try compiled.render(value, to: output, options: renderOptions)
            }
        } catch {
            reportAndExit(error)
        }
    }
}
