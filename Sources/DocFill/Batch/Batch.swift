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
    /// The record this outcome is for.
    public let record: BatchRecord
    /// The output path, when a name could be made.
    public let output: String?
    /// Why the record produced no document (or no PDF), nil when it succeeded.
    public let error: DocFillError?
    /// Whether the record's document (and its PDF, when asked) was written.
    public var succeeded: Bool { error == nil }
}

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

/// Renders one compiled template once per record, on all cores. A failing record is reported
/// in its outcome and the others are still produced.
public enum Batch {
    /// Renders `template` for each record into `options.outputFolder` and returns one outcome per
    /// record, in record order. `prepare` turns a record's data into the value the template reads
    /// (a model's view); `progress` is called from worker threads.
    public static func run(template: DocumentTemplate, records: [BatchRecord], options: BatchOptions,
                           prepare: @escaping @Sendable (Value, BatchRecord) throws -> Value = { value, _ in value },
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) throws -> [BatchOutcome] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.outputFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocFillError("io_error", "the output folder '\(options.outputFolder)' does not exist")
        }
        let namer = try OutputNamer(pattern: options.namePattern, count: records.count)
        let targets = name(records, namer: namer, folder: options.outputFolder, ext: options.pdf == nil ? template.format.rawValue : "pdf")

        // With PDF, documents are rendered into a hidden folder beside the outputs and only
        // the PDFs reach the output folder.
        let staging = try options.pdf.map { _ in try ScratchFolder("docfill-batch", in: options.outputFolder) }
        defer { staging?.remove() }
        let renderPaths = records.indices.map { i in
            staging.map { $0.file(String(format: "%06d.", i) + template.format.rawValue) } ?? targets[i].path
        }

        let errors = Locked<[DocFillError?]>(targets.map(\.error))
        let todo = records.indices.filter { targets[$0].error == nil }
        let counter = Locked((next: 0, done: records.count - todo.count, failed: records.count - todo.count))
        let workers = max(1, min(options.jobs, todo.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = counter.update({ state -> Int? in
                guard state.next < todo.count else { return nil }
                state.next += 1; return todo[state.next - 1]
            }) {
                let record = records[i]
                var failure: DocFillError?
                do {
                    let value = try prepare(try record.data.get(), record)
                    try template.render(value, to: renderPaths[i], options: options.render)
                } catch {
                    failure = error as? DocFillError ?? DocFillError("render_failed", "\(error)")
                    errors.update { $0[i] = failure }
                }
                let snapshot = counter.update { state -> BatchProgress in
                    state.done += 1; if failure != nil { state.failed += 1 }
                    return BatchProgress(phase: .rendering, done: state.done, failed: state.failed, total: records.count)
                }
                progress(snapshot)
            }
        }

        var results = errors.value
        if let converter = options.pdf {
            let rendered = records.indices.filter { results[$0] == nil }
            progress(BatchProgress(phase: .converting, done: 0, failed: 0, total: rendered.count))
            let converted = converter.convert(rendered.map { PDFJob(input: renderPaths[$0], output: targets[$0].path) })
            for (i, result) in zip(rendered, converted) {
                if case .failure(let error) = result { results[i] = error }
            }
            let failed = converted.filter { if case .failure = $0 { true } else { false } }.count
            progress(BatchProgress(phase: .converting, done: rendered.count, failed: failed, total: rendered.count))
        }
        return records.indices.map { BatchOutcome(record: records[$0], output: targets[$0].error == nil ? targets[$0].path : nil,
                                                  error: results[$0]) }
    }

    /// Output paths; a record whose name cannot be made, or is taken by an earlier record, fails.
    private static func name(_ records: [BatchRecord], namer: OutputNamer, folder: String,
                             ext: String) -> [(path: String, error: DocFillError?)] {
        var taken: [String: Int] = [:]
        return records.map { record in
            let value: Value
            switch record.data {
            case .failure(let error): return ("", error)
            case .success(let v): value = v
            }
            do {
                let name = try namer.name(for: value, index: record.index, ext: ext)
                // Case-insensitive file systems would put two such names in one file.
                if let earlier = taken[name.lowercased()] {
                    return ("", DocFillError("duplicate_name", "the output name '\(name)' is also the name of record \(earlier + 1); add a field to --name"))
                }
                taken[name.lowercased()] = record.index
                return ((folder as NSString).appendingPathComponent(name), nil)
            } catch {
                return ("", error as? DocFillError ?? DocFillError("invalid_name", "\(error)"))
            }
        }
    }
}
