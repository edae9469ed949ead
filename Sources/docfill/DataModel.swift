import ArgumentParser
import DocFill
import Foundation
import OfficialReport

/// Typed data models the CLI knows. With a model, data is decoded and checked against it and
/// the template sees the model's view (computed number line, date line, totals…).
enum DataModel: String, ExpressibleByArgument, CaseIterable {
    case officialReport = "official-report"

    /// The model a command works with: `--model NAME` when given (`--model none`: no model),
    /// else the one the template declares in its `docfill.model` property, else none. A
    /// declared name the CLI does not know is `unknown_model` at the property's place.
    static func inForce(_ option: ModelOption?, declared: DeclaredProperty?) throws -> DataModel? {
        switch option {
        case .off: return nil
        case .model(let model): return model
        case nil:
            guard let declared else { return nil }
            guard let model = DataModel(rawValue: declared.value) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw DocFillError("unknown_model",
                                   "the template's property '\(DocumentTemplate.modelPropertyName)' names the model '\(declared.value)', "
                                       + "which docfill does not know (known: \(known)); give --model NAME, or --model none to render without a model",
                                   at: declared.location)
            }
            return model
        }
    }

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

    /// The template's view of `value` as this model, or nil when the data is not this model's:
    /// quietly, for guessing (`ModelHint`).
    func quietView(_ value: Value) -> Value? {
        switch self {
        case .officialReport: return try? Report.from(value).templateValue()
        }
    }
}

/// `--model NAME`, or `--model none`: no model, even when the template declares one.
enum ModelOption: ExpressibleByArgument, Equatable {
    case off
    case model(DataModel)

    init?(argument: String) {
        if argument == "none" { self = .off; return }
        guard let model = DataModel(rawValue: argument) else { return nil }
        self = .model(model)
    }

    static var allValueStrings: [String] { DataModel.allCases.map(\.rawValue) + ["none"] }
}

/// Names missing from data given without a model are often the computed names of a model's
/// view (`number_line`, `date_line`…): the data is that model's, and `--model` was forgotten,
/// or the template does not declare its model. The hint names the model when rendering the
/// model's view of the data misses none of the template's names.
enum ModelHint {
    /// The hint line for these problems, or nil: only when a problem is `unknown_name`, no
    /// model was in force, and a known model's view supplies every name.
    static func line(for problems: [Diagnostic], model: DataModel?, data: Value, template: LoadedTemplate) -> String? {
        guard model == nil, problems.contains(where: { $0.code == "unknown_name" }) else { return nil }
        for candidate in DataModel.allCases {
            guard let view = candidate.quietView(data),
                  let missing = try? template.check(view, dataFile: nil).contains(where: { $0.code == "unknown_name" }),
                  !missing else { continue }
            return "hint: these names come from the '\(candidate.rawValue)' model; add --model \(candidate.rawValue)"
        }
        return nil
    }

    /// Runs `body`; a `DocFillError` it throws comes back with the hint line, if one applies.
    static func adding<T>(model: DataModel?, data: Value, template: @autoclosure () throws -> LoadedTemplate,
                          _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DocFillError {
            guard let loaded = try? template(),
                  let hint = line(for: error.diagnostics, model: model, data: data, template: loaded) else { throw error }
            throw HintedError(error: error, hint: hint)
        }
    }
}

/// A DocFill error and a last line of advice (`reportAndExit` prints it after the errors).
struct HintedError: Error {
    let error: DocFillError
    let hint: String
}
