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

/// Prints a warning on standard error, one compiler-style line.
func printWarning(_ diagnostic: Diagnostic) {
    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
}
