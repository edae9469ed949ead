import Foundation

/// Where a render's data comes from.
public enum DataSource: Sendable {
    /// A .json/.yaml/.yml file (`-`: standard input); `extends` is applied and every value's
    /// line kept for messages.
    case file(String)
    /// A data file whose `extends` may not lead outside the folder `root` (links resolved):
    /// a workspace's file (`Workspace.dataSource`).
    case fileWithin(String, root: String)
    /// Bytes of a JSON or YAML document, named `name` in messages (no `extends`).
    case bytes(Data, format: DataLoader.Format, name: String)
    /// Data already loaded or built in code, named `name` in messages.
    case value(Value, name: String)

    /// The data file's path, nil for data not read from a file.
    public var path: String? {
        switch self {
        case .file(let path), .fileWithin(let path, _): return path
        case .bytes, .value: return nil
        }
    }

    /// The name messages give the data.
    public var name: String {
        switch self {
        case .file(let path): return path == "-" ? "<stdin>" : path
        case .fileWithin(let path, _): return path
        case .bytes(_, _, let name), .value(_, let name): return name
        }
    }
}

/// The data steps before the model, in one place: read, `extends` applied, to-do marks
/// refused (or shown, for a draft), and with a model the stale-year check.
public struct DataInput: Sendable {
    /// The data to render: to-do marks replaced by their visible form in a draft.
    public var value: Value
    /// Everything found, errors and warnings, in order: to-dos, stale years.
    public var diagnostics: [Diagnostic]
    /// Where each value was written, by data path (files only).
    public var places: [String: SourceLocation]
    /// Paths of the to-do marks: the model's findings there are not repeated.
    public var todoPaths: Set<String>

    /// The diagnostics of error severity: a render stops when any is present.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Reads `source` with the to-do step; no model checks yet (see `addStaleYears`).
    public static func load(_ source: DataSource, draft: Bool, limits: DataLimits = .init()) throws -> DataInput {
        switch source {
        case .file(let path), .fileWithin(let path, _):
            var root: String?
            if case .fileWithin(_, let folder) = source { root = folder }
            let loaded = try DataLoader.loadDocument(contentsOf: path, limits: limits, within: root)
            var input = prepare(loaded.value, places: loaded.places, file: source.name, draft: draft)
            if let base = loaded.base { input.extending = (loaded.value, base, source.name) }
            return input
        case .bytes(let data, let format, let name):
            return prepare(try DataLoader.load(bytes: [UInt8](data), format: format, file: name, limits: limits),
                           file: name, draft: draft)
        case .value(let value, let name):
            return prepare(value, file: name, draft: draft)
        }
    }

    /// Data that extends a base: as loaded (before any draft marks), the base, the file name.
    private var extending: (value: Value, base: Value, file: String)?

    /// With a model, the `stale_year` warnings of data that extends a base.
    public mutating func addStaleYears(_ model: (any DataModel)?) {
        guard let model, let extending else { return }
        diagnostics += model.staleYears(extending.value, base: extending.base, file: extending.file, places: places)
    }

    /// The to-do step alone, for data that comes without its file (batch records).
    public static func prepare(_ value: Value, places: [String: SourceLocation] = [:], file: String, draft: Bool) -> DataInput {
        let marks = TodoMarks.find(in: value, places: places, file: file)
        return DataInput(value: draft ? TodoMarks.draft(value) : value,
                         diagnostics: TodoMarks.diagnostics(marks, draft: draft),
                         places: places, todoPaths: Set(marks.map(\.path)))
    }

    /// Errors thrown; the warnings returned.
    public func warningsOrThrow() throws -> [Diagnostic] {
        if !errors.isEmpty { throw DocFillError(errors) }
        return diagnostics
    }

    /// The model's view for rendering: its errors thrown, its warnings (after this input's)
    /// given to `warn`. Without a model, the value as it is.
    public func view(as model: (any DataModel)?, file: String, warn: (Diagnostic) -> Void) throws -> Value {
        _ = try DocumentSettings(data: value, file: file, places: places)
        guard let model else { return value }
        let (warnings, view) = try model.prepare(value, file: file, places: places, excusing: todoPaths)
        warnings.forEach(warn)
        return DocumentSettings.carried(from: value, into: view)
    }
}
