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
        each with its place, unless --draft renders them as [TODO]. With --model, years of the
        base file's period left in the header, title or date line are warned about (stale_year).
        """)

    @Argument(help: "The template.") var template: String
    @Argument(help: "The data file (.json, .yaml, .yml) or - for stdin.") var data: String
    @Option(name: .shortAndLong, help: "The output file.") var output: String
    @Flag(help: "Render names missing from the data as empty instead of failing.") var lenient = false
    @Flag(help: "Print the compiled render plan to stdout.") var debugPlan = false
    @Option(help: "Decode and check the data as a typed model: official-report.") var model: DataModel?
    @Flag(help: "Render values still marked TODO visibly, as [TODO], with a warning each, instead of refusing them.") var draft = false
    @Flag(help: "Write a PDF through LibreOffice (OUT with a .pdf extension); implied when OUT ends in .pdf.") var pdf = false
    @Option(name: .customLong("image-root"), help: "A folder picture files may also be read from (repeatable); by default only the data file's folder.")
    var imageRoot: [String] = []
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
            let input = try DataInput.load(data, model: model, draft: draft, limits: try dataOptions.limits())
            clock.mark("load data")
            try input.warnOrThrow()
            var value = input.value
            if let model { value = try model.prepare(value, file: data, places: input.places, excusing: input.todoPaths) }
            clock.mark("prepare model")
            let renderOptions = RenderOptions(strict: !lenient, baseDirectory: RenderOptions.baseDirectory(forData: data),
                                              imageRoots: imageRoot)
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
            let compiled = try compiling?.result() ?? DocumentTemplate(contentsOf: template, options: options)
            clock.mark("wait for compile")
            if debugPlan { print(compiled.dumpPlan(), terminator: "") }
            if wantsPDF {
                try PDFOutput.render(compiled, value, to: PDFOutput.target(output), options: renderOptions,
                                     converter: try printOptions.converter())
            } else {
                try compiled.render(value, to: output, options: renderOptions)
            }
            clock.mark("render and write")
        } catch {
            reportAndExit(error)
        }
    }
}
