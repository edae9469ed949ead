import ArgumentParser
import DocFill
import Foundation
import OfficialReport

/// Typed data models the CLI knows. With a model, data is decoded and checked against it and
/// the template sees the model's view (computed number line, date line, totals…).
enum DataModel: String, ExpressibleByArgument, CaseIterable {
    case officialReport = "official-report"

    /// Decodes and validates; prints warnings, throws errors; returns the template data.
    /// Findings at `excusing` paths (to-do marks of a draft) are left out.
    func prepare(_ value: Value, file: String, places: [String: SourceLocation] = [:],
                 excusing: Set<String> = []) throws -> Value {
        switch self {
        case .officialReport:
            let report = try Report.from(value, file: file)
            let diagnostics = report.diagnostics(file: file, places: places, excusing: excusing)
            let errors = diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty { throw DocFillError(errors) }
            for warning in diagnostics where warning.severity == .warning {
                FileHandle.standardError.write(Data((warning.description + "\n").utf8))
            }
            return try report.templateValue()
        }
    }
}
