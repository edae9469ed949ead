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
        Picture paths in the data (placeholder pictures whose alt text holds a tag) are relative
        to the data file's folder (to the current folder for stdin).
        DATA may extend another file (extends: base.yaml). Values marked TODO are refused,
        each with its place, unless --draft renders them as [TODO]. The data model is --model,
        else the one the template declares (its docfill.model property; --model none: no
        model). With a model, years of the base file's period left in the header, title or
        date line are warned about (stale_year).
        """)

    @Argument(help: "The template.") var template: String
    @Argument(help: "The data file (.json, .yaml, .yml) or - for stdin.") var data: String
    @Option(name: .shortAndLong, help: "The output file.") var output: String
    @Flag(help: "Render names missing from the data as empty instead of failing.") var lenient = false
    @Flag(help: "Print the compiled render plan to stdout.") var debugPlan = false
    @Option(help: "Decode and check the data as a typed model: official-report, or none (default: the model the template declares).") var model: ModelOption?
    @Flag(help: "Render values still marked TODO visibly, as [TODO], with a warning each, instead of refusing them.") var draft = false
    @Flag(help: "Write a PDF through LibreOffice (OUT with a .pdf extension); implied when OUT ends in .pdf.") var pdf = false
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var printOptions: PrintOptions

    func run() throws {
        do {
            let options = try templateOptions.compileOptions()
            // Compile the template on the second core while the data is loaded and checked.
            let isDocument = try TemplateKind.of(template) == .document
            let compiling = isDocument
                ? SpeculativeCompile.take(path: template, options: options) ?? BackgroundCompile(template: template, options: options)
                : nil
            let clock = PhaseClock()
            var input = try DataInput.load(data, draft: draft, limits: try dataOptions.limits())
            clock.mark("load data")
            // The model in force may be the one the template declares: known once it compiled.
            let compiled = try compiling?.result()
            clock.mark("wait for compile")
            let model = try DataModel.inForce(self.model, declared: compiled?.declaredModel)
            input.addStaleYears(model)
            try input.warnOrThrow()
            var value = input.value
            if let model { value = try model.prepare(value, file: data, places: input.places, excusing: input.todoPaths) }
            clock.mark("prepare model")
            let renderOptions = RenderOptions(strict: !lenient, baseDirectory: RenderOptions.baseDirectory(forData: data))
            let wantsPDF = pdf || output.lowercased().hasSuffix(".pdf")
            if wantsPDF, try TemplateKind.of(template) == .text {
                throw DocFillError("pdf_needs_document", "only .docx, .odt and .fodt templates can be converted to PDF",
                                   at: SourceLocation(file: template))
            }
            if try TemplateKind.of(template) == .text {
                try ModelHint.adding(model: model, data: value, template: try LoadedTemplate.load(template, options: options)) {
                    try TextFile.render(template: template, data: value, output: output, delimiters: options.delimiters,
                                        options: renderOptions)
                }
                return
            }
            let document = try compiled ?? DocumentTemplate(contentsOf: template, options: options)
            if debugPlan { print(document.dumpPlan(), terminator: "") }
            try ModelHint.adding(model: model, data: value, template: .document(document)) {
                if wantsPDF {
                    try PDFOutput.render(document, value, to: PDFOutput.target(output), options: renderOptions,
                                         converter: try printOptions.converter())
                } else {
                    try document.render(value, to: output, options: renderOptions)
                }
            }
            clock.mark("render and write")
        } catch {
            reportAndExit(error)
        }
    }
}
