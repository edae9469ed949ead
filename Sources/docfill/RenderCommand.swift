import ArgumentParser
import DocFill
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template with data into a new document.",
        discussion: """
        TEMPLATE is a .docx, .odt, .fodt or plain-text file (its kind is read from its content; a PDF, a legacy .doc, a spreadsheet or a data file is refused with wrong_input_kind). DATA is .json, .yaml/.yml, or - for standard input. Names missing from the data are errors (all reported at once) unless --lenient is given. Picture paths in the data (placeholder pictures whose alt text holds a tag) are relative to the data file's folder (to the current folder for stdin).

        DATA may extend another file (extends: base.yaml). Values marked TODO are refused, each with its place, unless --draft renders them as [TODO]. The data model is --model, else the one the template declares (its docfill.model property; --model none: no model). With a model, years of the base file's period left in the header, title or date line are warned about (stale_year).

        OUT: the document is written to a temporary file beside it and renamed into place, so a failed render leaves nothing behind; a file replaced keeps its permissions. -o - writes to standard output (a PDF too). A symbolic link is followed and the file it points to replaced. OUT may not be the template or the data, nor an existing folder, FIFO or device (output_not_regular). Its extension must fit the template: .docx (.docm, .dotx, .dotm) for a DOCX template, .odt (.ott) for ODT, .fodt for flat ODT, or .pdf; the extension of another office format is refused (output_format_mismatch), any other extension or none is taken as given. A text template may write any extension.
        """)

    @Argument(help: "The template.") var template: String
    @Argument(help: "The data file (.json, .yaml, .yml) or - for stdin.") var data: String
    @Option(name: .shortAndLong, help: "The output file, or - for standard output.") var output: String
    @Flag(help: "Render names missing from the data as empty instead of failing.") var lenient = false
    @Flag(help: "Print the compiled render plan to stdout.") var debugPlan = false
    @Option(help: "Decode and check the data as a typed model: official-report, or none (default: the model the template declares).") var model: ModelOption?
    @Flag(help: "Render values still marked TODO visibly, as [TODO], with a warning each, instead of refusing them.") var draft = false
    @Flag(help: "Write a PDF through LibreOffice (OUT with a .pdf extension); implied when OUT ends in .pdf.") var pdf = false
    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        do {
            let options = try rendering.template.compileOptions()
            let limits = try rendering.data.limits()
            let outputLimits = try rendering.output.limits()
            try rendering.print.check()
            if debugPlan, output == "-" {
                throw DocFillError("invalid_option", "--debug-plan prints to standard output; it cannot be used with -o -")
            }
            // What the inputs are, and where the output goes, before any work.
            let isDocument = try TemplateKind.of(template, delimiters: options.delimiters) == .document
            let wantsPDF = pdf || PDFRender.isRequested(by: output)
            if wantsPDF, !isDocument {
                throw DocFillError("pdf_needs_document", "only .docx, .odt and .fodt templates can be converted to PDF",
                                   at: SourceLocation(file: template))
            }
            let target = try OutputTarget(wantsPDF ? PDFRender.target(output) : output,
                                          protecting: [.template(template), .data(data)])
            // Compile the template on the second core while the data is loaded and checked.
            let compiling = isDocument
                ? SpeculativeCompile.take(path: template, options: options) ?? BackgroundCompile(template: template, options: options)
                : nil
            let clock = PhaseClock()
            let job = RenderJob(data: .file(data), model: model.choice, models: knownModels, draft: draft, limits: limits,
                                options: rendering.renderOptions(lenient: lenient, dataPath: data, outputLimits: outputLimits))
            // The model in force may be the one the template declares: known once it compiled,
            // which the job asks for only after loading the data.
            var compiled: DocumentTemplate?
            let prepared = try job.prepare(declared: {
                clock.mark("load data")
                compiled = try compiling?.result()
                clock.mark("wait for compile")
                return compiled?.declaredModel
            }, warn: printWarning)
            clock.mark("prepare model")
            guard let compiled else {
                try job.write(prepared, with: try LoadedTemplate.load(template, options: options), to: target)
                return
            }
            if debugPlan { print(compiled.dumpPlan(), terminator: "") }
            try job.write(prepared, with: .document(compiled), to: target, pdf: wantsPDF ? try rendering.print.converter() : nil,
                          warn: printWarning)
            clock.mark("render and write")
        } catch {
            reportAndExit(error)
        }
    }
}
