import ArgumentParser
import DocFill
import Foundation

struct NextYearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-year",
        abstract: "Write next year's report data: a small YAML file that extends this year's.",
        discussion: """
        For the official report model. The new file says `extends:` this year's file (a path relative to the new file) and names only what changes: the date (and period) one year later, 'năm YYYY' of the reporting period in the subject rolled forward, the number and every numeric appendix cell marked TODO (to enter again), last year's stated totals dropped. check and render refuse it until the TODOs are replaced (--draft shows them).
        """)

    @Argument(help: "This year's data file (.yaml, .yml, .json).") var data: String
    @Option(name: .shortAndLong, help: "The new data file to write (YAML), or - for standard output.") var output: String
    @Option(help: "The data model (only official-report).") var model: NextYearModel = .officialReport
    @Flag(help: "Replace OUTPUT if it exists.") var force = false

    func run() throws {
        do {
            let outcome = try NextYearJob(data: data, output: output, model: try model.registered(), force: force).run()
            let todos = outcome.todos
            FileHandle.standardError.write(Data("wrote \(outcome.written): \(todos) value\(todos == 1 ? "" : "s") marked TODO to enter\n".utf8))
        } catch {
            reportAndExit(error)
        }
    }
}

/// The models `next-year` can roll forward: only the official report (it knows which of its
/// values change with the year). The option names one; the registry holds it.
enum NextYearModel: String, ExpressibleByArgument {
    case officialReport = "official-report"

    /// The registered model of this name, which must be a `YearlyDataModel`.
    func registered() throws -> any YearlyDataModel {
        guard let model = knownModels.named(rawValue) as? any YearlyDataModel else {
            throw DocFillError("unknown_model", "the model '\(rawValue)' cannot write next year's data")
        }
        return model
    }
}
