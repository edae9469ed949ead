import Foundation

/// How a batch runs.
public struct BatchOptions: Sendable {
    /// Where the outputs go (must exist).
    public var outputFolder: String
    /// File names from the record's fields, e.g. `{{ward}}-{{year}}.docx`; nil: `record-0001`.
    public var namePattern: String?
    /// When set, every rendered document is converted to PDF by one LibreOffice run.
    public var pdf: PDFConverter?
    /// Documents rendered at once; defaults to the number of cores.
    public var jobs: Int
    /// How each document is rendered: the same options for every record.
    public var render: RenderOptions

    /// Makes batch options; only the output folder is required.
    public init(outputFolder: String, namePattern: String? = nil, pdf: PDFConverter? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, render: RenderOptions = RenderOptions()) {
        self.outputFolder = outputFolder; self.namePattern = namePattern; self.pdf = pdf
        self.jobs = jobs; self.render = render
    }
}

/// What became of one record.
public struct BatchOutcome: Sendable {
    /// The record's 0-based position in the batch.
    public let index: Int
    /// Where the record came from, for messages (`records.jsonl:3`).
    public let source: String
    /// The output path, when a name could be made.
    public let output: String?
    /// The record's warnings (drafted to-dos, a model's findings), in the order found.
    public let warnings: [Diagnostic]
    /// Why the record produced no document (or no PDF), nil when it succeeded.
    public let error: DocFillError?
    /// Whether the record's document (and its PDF, when asked) was written.
    public var succeeded: Bool { error == nil }
}

/// The data steps for one record of a batch: its data (as read) to the value the template
/// reads, warnings given to `warn`; errors thrown fail the record. `RenderJob.batchPreparation`
/// makes the CLI's.
public typealias BatchPreparation = @Sendable (_ data: Value, _ record: BatchRecord, _ warn: (Diagnostic) -> Void) throws -> Value

/// Progress, reported after every finished record (from worker threads).
public struct BatchProgress: Sendable {
    /// Which step of the batch is running.
    public enum Phase: Sendable {
        /// Documents are being rendered.
        case rendering
        /// Rendered documents are being converted to PDF.
        case converting
    }
    /// The step the counts are about.
    public let phase: Phase
    /// Records finished in this phase, failed ones included.
    public let done: Int
    /// Records that failed so far in this phase.
    public let failed: Int
    /// Records in the batch.
    public let total: Int
}

/// How many records of a batch were produced and how many failed.
public struct BatchTotals: Sendable, Equatable {
    /// Records whose document (and PDF, when asked) was written.
    public var succeeded: Int
    /// Records that failed.
    public var failed: Int
}

/// Renders one compiled template once per record, on all cores. A failing record is reported
/// in its outcome and the others are still produced.
///
/// Each record goes through read → parse → name → data steps (`prepare`) → render → write on
/// one of `options.jobs` workers, records handed out in order, so at most `jobs` records are
/// held at once whatever the batch's size. The template, compiled once, is shared by every
/// worker (`DocumentTemplate` is immutable). Outcomes are delivered in record order.
public enum Batch {
    /// Renders `template` for each record into `options.outputFolder`; `report` gets each
    /// record's outcome in record order, as soon as it and every record before it are done
    /// (with PDF, once the conversion is over). `prepare` turns a record's data into the value
    /// the template reads (a model's view); `progress` is called from worker threads.
    @discardableResult
    public static func run(template: DocumentTemplate, records: BatchRecords, options: BatchOptions,
                           prepare: @escaping BatchPreparation = { value, _, _ in value },
                           report: @escaping @Sendable (BatchOutcome) -> Void,
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) throws -> BatchTotals {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.outputFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocFillError("io_error", "the output folder '\(options.outputFolder)' does not exist")
        }
        let count = records.count
        let namer = try OutputNamer(pattern: options.namePattern, count: count)
        // Default names differ by record number; names from a pattern are claimed in order.
        let claims = namer.pattern == nil ? nil : NameClaims()
        let ext = options.pdf == nil ? template.format.rawValue : "pdf"

        // With PDF, documents are rendered into a hidden folder beside the outputs and only
        // the PDFs reach the output folder, all converted by one LibreOffice run at the end.
        let staging = try options.pdf.map { _ in try ScratchFolder("docfill-batch", in: options.outputFolder) }
        defer { staging?.remove() }
        let rendered = Locked<[BatchOutcome]>([])
        let deliver: @Sendable (BatchOutcome) -> Void
        if staging == nil { deliver = report } else { deliver = { outcome in rendered.update { $0.append(outcome) } } }
        let order = InOrder<BatchOutcome>(deliver)

        let counter = Locked((next: 0, done: 0, failed: 0))
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.jobs, count))) { _ in
            while let i = counter.update({ state -> Int? in
                guard state.next < count else { return nil }
                state.next += 1; return state.next - 1
            }) {
                let outcome = produce(records.record(i), template: template, options: options, namer: namer, claims: claims,
                                      ext: ext, staging: staging, prepare: prepare)
                order.put(i, outcome)
                let snapshot = counter.update { state -> BatchProgress in
                    state.done += 1; if !outcome.succeeded { state.failed += 1 }
                    return BatchProgress(phase: .rendering, done: state.done, failed: state.failed, total: count)
                }
                progress(snapshot)
            }
        }
        guard let converter = options.pdf, let staging else {
            let failed = counter.value.failed
            return BatchTotals(succeeded: count - failed, failed: failed)
        }
        return convert(rendered.value, converter: converter, staging: staging, format: template.format.rawValue,
                       report: report, progress: progress)
    }

    /// Renders records held in memory; returns one outcome per record, in record order.
    public static func run(template: DocumentTemplate, records: [BatchRecord], options: BatchOptions,
                           prepare: @escaping BatchPreparation = { value, _, _ in value },
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) throws -> [BatchOutcome] {
        let outcomes = Locked<[BatchOutcome]>([])
        try run(template: template, records: BatchRecords(records), options: options, prepare: prepare,
                report: { outcome in outcomes.update { $0.append(outcome) } }, progress: progress)
        return outcomes.value
    }

    /// One record, start to end; every failure is its outcome's error.
    private static func produce(_ record: BatchRecord, template: DocumentTemplate, options: BatchOptions, namer: OutputNamer,
                                claims: NameClaims?, ext: String, staging: ScratchFolder?,
                                prepare: BatchPreparation) -> BatchOutcome {
        var failure: DocFillError?
        var value: Value?
        var name: String?
        switch record.data {
        case .success(let data): value = data
        case .failure(let error): failure = error
        }
        if let value {
            do { name = try namer.name(for: value, index: record.index, ext: ext) } catch {
                failure = error as? DocFillError ?? DocFillError("invalid_name", "\(error)")
            }
        }
        // Every record claims, named or not, so the records after it need not wait for it.
        if let claims, let earlier = claims.claim(record.index, name), let taken = name {
            failure = DocFillError("duplicate_name", "the output name '\(taken)' is also the name of record \(earlier + 1); add a field to --name")
            name = nil
        }
        guard let value, let name, failure == nil else {
            return BatchOutcome(index: record.index, source: record.source, output: nil, warnings: [], error: failure)
        }
        let output = (options.outputFolder as NSString).appendingPathComponent(name)
        var warnings: [Diagnostic] = []
        do {
            let view = try prepare(value, record) { warnings.append($0) }
            let path = staging?.file(String(format: "%06d.", record.index) + template.format.rawValue) ?? output
            try template.render(view, to: path, options: options.render)
        } catch {
            failure = error as? DocFillError ?? DocFillError("render_failed", "\(error)")
        }
        return BatchOutcome(index: record.index, source: record.source, output: output, warnings: warnings, error: failure)
    }

    /// The PDF step: every rendered document converted by one LibreOffice run, then each
    /// outcome reported in order with the conversion's result.
    private static func convert(_ outcomes: [BatchOutcome], converter: PDFConverter, staging: ScratchFolder, format: String,
                                report: @Sendable (BatchOutcome) -> Void,
                                progress: @Sendable (BatchProgress) -> Void) -> BatchTotals {
        let ready = outcomes.filter(\.succeeded)
        progress(BatchProgress(phase: .converting, done: 0, failed: 0, total: ready.count))
        let jobs = ready.map { PDFJob(input: staging.file(String(format: "%06d.", $0.index) + format),
                                      output: $0.output!) }
        var errors: [Int: DocFillError] = [:]
        for (outcome, result) in zip(ready, converter.convert(jobs)) {
            if case .failure(let error) = result { errors[outcome.index] = error }
        }
        progress(BatchProgress(phase: .converting, done: ready.count, failed: errors.count, total: ready.count))
        var failed = 0
        for outcome in outcomes {
            let error = outcome.error ?? errors[outcome.index]
            if error != nil { failed += 1 }
            report(BatchOutcome(index: outcome.index, source: outcome.source, output: outcome.output,
                                warnings: outcome.warnings, error: error))
        }
        return BatchTotals(succeeded: outcomes.count - failed, failed: failed)
    }
}
