import Foundation

/// Names missing from data given without a model are often the computed names of a model's
/// view (`number_line`, `date_line`…): the data is that model's, and `--model` was forgotten,
/// or the template does not declare its model. The hint names the model when rendering the
/// model's view of the data misses none of the template's names.
public enum ModelHint {
    /// The hint line for these problems, or nil: only when a problem is `unknown_name`, no
    /// model was in force, and the view of one of `models` supplies every name.
    public static func line(for problems: [Diagnostic], model: (any DataModel)?, data: Value, template: LoadedTemplate,
                            models: DataModels) -> String? {
        guard model == nil, problems.contains(where: { $0.code == "unknown_name" }) else { return nil }
        for candidate in models.all {
            guard let view = candidate.quietView(data),
                  let missing = try? template.check(view, dataFile: nil).contains(where: { $0.code == "unknown_name" }),
                  !missing else { continue }
            return "hint: these names come from the '\(candidate.name)' model; add --model \(candidate.name)"
        }
        return nil
    }

    /// Runs `body`; a `DocFillError` it throws comes back with the hint line, if one applies.
    public static func adding<T>(model: (any DataModel)?, data: Value, template: @autoclosure () throws -> LoadedTemplate,
                                 models: DataModels, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DocFillError {
            guard let loaded = try? template(),
                  let hint = line(for: error.diagnostics, model: model, data: data, template: loaded, models: models) else { throw error }
            throw HintedError(error: error, hint: hint)
        }
    }
}

/// A DocFill error and a last line of advice, printed after the errors.
public struct HintedError: Error, Sendable {
    /// The errors.
    public let error: DocFillError
    /// One line of advice (`hint: …`).
    public let hint: String
}
