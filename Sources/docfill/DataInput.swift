import DocFill
import Foundation
import OfficialReport

/// How `render`, `check` and `batch` read DATA, in one place: `extends` applied, to-do marks
/// refused (or shown, for a draft), and with a model the stale-year check and the model's
/// findings placed at their lines.
struct DataInput {
    /// The data to render: to-do marks replaced by their visible form in a draft.
    var value: Value
    /// Everything found, errors and warnings, in order: to-dos, stale years.
    var diagnostics: [Diagnostic]
    var places: [String: SourceLocation]
    /// Paths of the to-do marks: the model's findings there are not repeated.
    var todoPaths: Set<String>

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    static func load(_ path: String, model: DataModel?, draft: Bool, limits: DataLimits = .init()) throws -> DataInput {
        var input = try load(path, draft: draft, limits: limits)
        input.addStaleYears(model)
        return input
    }

    /// The data without a model's checks yet: `render` loads it while the template compiles,
    /// and learns the model (`--model`, or the template's) from the compiled template.
    static func load(_ path: String, draft: Bool, limits: DataLimits = .init()) throws -> DataInput {
        let loaded = try DataLoader.loadDocument(contentsOf: path, limits: limits)
        let name = path == "-" ? "<stdin>" : path
        var input = prepare(loaded.value, places: loaded.places, file: name, draft: draft)
        if let base = loaded.base { input.extending = (loaded.value, base, name) }
        return input
    }

    /// Data that extends a base: as loaded (before any draft marks), the base, the file name.
    private var extending: (value: Value, base: Value, file: String)?

    /// With a model, the `stale_year` warnings of data that extends a base.
    mutating func addStaleYears(_ model: DataModel?) {
        guard let model, let extending else { return }
        diagnostics += model.staleYears(extending.value, base: extending.base, file: extending.file, places: places)
    }

    /// The to-do step alone, for data that comes without its file (batch records).
    static func prepare(_ value: Value, places: [String: SourceLocation] = [:], file: String, draft: Bool) -> DataInput {
        let marks = TodoMarks.find(in: value, places: places, file: file)
        return DataInput(value: draft ? TodoMarks.draft(value) : value,
                         diagnostics: TodoMarks.diagnostics(marks, draft: draft),
                         places: places, todoPaths: Set(marks.map(\.path)))
    }

    /// For `render` and `batch`: warnings to stderr, errors thrown.
    func warnOrThrow() throws {
        if !errors.isEmpty { throw DocFillError(errors) }
        for w in diagnostics { FileHandle.standardError.write(Data((w.description + "\n").utf8)) }
    }
}

extension DataModel {
    /// `stale_year` warnings: years of the base file's period left in the header, title or
    /// date line (see `Report.staleYearFindings`). Nothing when either side does not decode.
    func staleYears(_ value: Value, base: Value, file: String, places: [String: SourceLocation]) -> [Diagnostic] {
        switch self {
        case .officialReport:
            guard let report = try? Report.from(value), let old = try? Report.from(base) else { return [] }
            return Report.diagnostics(report.staleYearFindings(base: old), file: file, places: places)
        }
    }
}
