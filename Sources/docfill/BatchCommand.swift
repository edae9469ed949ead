import ArgumentParser
import DocFill
import Foundation

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render one template once per record, on all cores.",
        discussion: """
        RECORDS is a JSON array, a JSON Lines file (.jsonl, or one object per line) or a folder of .json/.yaml files (one record each, in name order). Outputs are named by --name from the record's fields, e.g. --name '{{ward}}-{{year}}.docx' (default: record-0001.docx); an existing output that is a folder, FIFO or device fails its record, a symbolic link is followed. A record that fails is reported with its reason and the others are still written; the exit status is 1 if any failed. With --pdf every document is converted by one LibreOffice run and only the PDFs are written.

        Records are read one at a time and rendered on --jobs workers; outputs, warnings and errors are reported in record order. The --max-data-* limits bound each record on its own (an element of a JSON array, a line of JSON Lines, a file of a folder; over a limit, that record fails; a YAML list is read at once and bounded as a whole). --max-records and --max-records-mib bound the batch: over either, nothing is written (records_too_large). In --name, {{@number}} is the record's number (1, 2, …).
        """)

    @Argument(help: "The template (.docx, .odt, .fodt).") var template: String
    @Argument(help: "The records: a JSON array, JSON Lines, or a folder of .json/.yaml files.") var records: String
    @Option(name: .shortAndLong, help: "The output folder (created if missing).") var output: String
    @Option(help: "Output file names from the record's fields, e.g. '{{ward}}-{{year}}.docx'.") var name: String?
    @Flag(help: "Write PDFs (through LibreOffice) instead of documents.") var pdf = false
    @Option(parsing: .unconditional, help: "Documents rendered at once (default: the number of cores).") var jobs: Int?
    @Flag(help: "Render names missing from the data as empty instead of failing.") var lenient = false
    @Flag(help: "Render values still marked TODO visibly, as [TODO], instead of failing the record.") var draft = false
    @Option(help: "Decode and check each record as a typed model: official-report, or none (default: the model the template declares).") var model: ModelOption?
    @Option(parsing: .unconditional, help: "Most records in the batch.") var maxRecords: Int = RecordsLimits().maxRecords
    @Option(name: .customLong("max-records-mib"), parsing: .unconditional, help: "Largest records file, in MiB.")
    var maxRecordsMiB: Int = RecordsLimits().maxBytes >> 20
    @OptionGroup var rendering: RenderingOptions

    func run() throws {
        let totals: BatchTotals
        let failures = FailedRecords()
        do {
            if output == "-" {
                throw DocFillError("invalid_option", "batch writes its documents into a folder; -o - (standard output) is for render")
            }
            if let jobs, jobs < 1 { throw DocFillError("invalid_option", "--jobs must be at least 1") }
            let limits = try rendering.data.limits()
            var recordsLimits = RecordsLimits()
            recordsLimits.maxRecords = try checkRange(maxRecords, "--max-records")
            recordsLimits.maxBytes = try mebibytes(maxRecordsMiB, "--max-records-mib")
            let compileOptions = try rendering.template.compileOptions()
            let outputLimits = try rendering.output.limits()
            try rendering.print.check()
            guard try TemplateKind.of(template, delimiters: compileOptions.delimiters) == .document else {
                throw DocFillError("unsupported_template", "batch renders .docx, .odt and .fodt templates", at: SourceLocation(file: template))
            }
            let converter = try pdf || PDFRender.isRequested(by: name ?? "") ? rendering.print.converter() : nil
            let compiled = try DocumentTemplate(contentsOf: template, options: compileOptions)
            let list = try BatchRecords(contentsOf: records, limits: limits, records: recordsLimits)
            try OutputTarget.makeFolder(output)
            let options = BatchOptions(outputFolder: output, namePattern: name, pdf: converter,
                                       jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                       render: rendering.renderOptions(lenient: lenient, dataPath: records, outputLimits: outputLimits))
            let model = try knownModels.inForce(self.model.choice, declared: compiled.declaredModel)
            let bar = ProgressBar()
            // Warnings as each record is done, in record order; errors after the progress bar.
            totals = try Batch.run(template: compiled, records: list, options: options,
                                   prepare: RenderJob.batchPreparation(model: model, draft: draft),
                                   report: { outcome in
                                       outcome.warnings.forEach(printWarning)
                                       if !outcome.succeeded { failures.add(outcome) }
                                   },
                                   progress: bar.update)
            bar.finish()
        } catch {
            reportAndExit(error)
        }
        for outcome in failures.all {
            for d in outcome.error?.diagnostics ?? [] {
                FileHandle.standardError.write(Data("record \(outcome.index + 1) (\(outcome.source)): \(d)\n".utf8))
            }
        }
        let count = totals.succeeded + totals.failed
        let summary = "rendered \(totals.succeeded) of \(count)" + (totals.failed == 0 ? "" : ", \(totals.failed) failed")
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if totals.failed > 0 { throw ExitCode(1) }
    }
}

/// The failed records of a batch, kept for the lines printed after it (only failures: a
/// batch's outcomes are not all held).
private final class FailedRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [BatchOutcome] = []
    func add(_ outcome: BatchOutcome) { lock.withLock { list.append(outcome) } }
    var all: [BatchOutcome] { lock.withLock { list } }
}
