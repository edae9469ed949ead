import ArgumentParser
import DocFill
import Foundation
import OfficialReport

/// The data models the CLI knows, by name: `--model NAME` and a template's `docfill.model`
/// pick from these.
let knownModels = DataModels([OfficialReportModel()])

/// `--model NAME`, or `--model none`: no model, even when the template declares one.
enum ModelOption: ExpressibleByArgument, Equatable {
    case off
    case model(String)

    init?(argument: String) {
        if argument == "none" { self = .off; return }
        guard knownModels.named(argument) != nil else { return nil }
        self = .model(argument)
    }

    static var allValueStrings: [String] { knownModels.names + ["none"] }
}

extension Optional where Wrapped == ModelOption {
    /// The library's choice for this option (none given: the template's declared model).
    var choice: ModelChoice {
        switch self {
        case nil: return .declared
        case .off?: return .none
        case .model(let name)?: return knownModels.named(name).map(ModelChoice.model) ?? .none
        }
    }
}

/// The model in force for an option and a template's declared model (see `DataModels.inForce`).
func modelInForce(_ option: ModelOption?, declared: DeclaredProperty?) throws -> (any DataModel)? {
    try knownModels.inForce(option.choice, declared: declared)
}

/// Names missing from data given without a model are often the computed names of a model's
/// view (`number_line`, `date_line`…): the data is that model's, and `--model` was forgotten,
/// or the template does not declare its model. The hint names the model when rendering the
/// model's view of the data misses none of the template's names.
enum ModelHint {
    /// The hint line for these problems, or nil: only when a problem is `unknown_name`, no
    /// model was in force, and a known model's view supplies every name.
    static func line(for problems: [Diagnostic], model: (any DataModel)?, data: Value, template: LoadedTemplate) -> String? {
        guard model == nil, problems.contains(where: { $0.code == "unknown_name" }) else { return nil }
        for candidate in knownModels.all {
            guard let view = candidate.quietView(data),
                  let missing = try? template.check(view, dataFile: nil).contains(where: { $0.code == "unknown_name" }),
                  !missing else { continue }
            return "hint: these names come from the '\(candidate.name)' model; add --model \(candidate.name)"
        }
        return nil
    }

    /// Runs `body`; a `DocFillError` it throws comes back with the hint line, if one applies.
    static func adding<T>(model: (any DataModel)?, data: Value, template: @autoclosure () throws -> LoadedTemplate,
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

/// Prints a warning on standard error, one compiler-style line.
func printWarning(_ diagnostic: Diagnostic) {
    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
}
