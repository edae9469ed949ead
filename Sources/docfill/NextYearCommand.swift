import ArgumentParser
import DocFill
import Foundation
import OfficialReport

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
            guard data != "-" else {
                throw DocFillError("invalid_option", "next-year needs this year's data as a file, to extend it by its path")
            }
            let target = try OutputTarget(output, protecting: [.data(data)])
            if !force, !target.isStandardOutput, FileManager.default.fileExists(atPath: output) {
                throw DocFillError("output_exists", "\(output) exists; give another -o, or --force to replace it",
                                   at: SourceLocation(file: output))
            }
            let value = try DataLoader.load(contentsOf: data)
            // On standard output the new file's place is unknown: `extends` is relative to
            // the current folder, where the file is most likely saved.
            let from = target.isStandardOutput ? "new.yaml" : output
            let result = try NextYear.make(from: value, extends: Self.relativePath(of: data, from: from),
                                           source: (data as NSString).lastPathComponent)
            try target.write(Array(result.yaml.utf8))
            let todos = TodoMarks.find(in: result.data).count
            let written = target.isStandardOutput ? "standard output" : output
            FileHandle.standardError.write(Data("wrote \(written): \(todos) value\(todos == 1 ? "" : "s") marked TODO to enter\n".utf8))
        } catch {
            reportAndExit(error)
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `target` as a path relative to the folder of `file` (both made absolute first).
    static func relativePath(of target: String, from file: String) -> String {
        let to = URL(fileURLWithPath: canonical(target)).pathComponents
        let folder = URL(fileURLWithPath: canonical(file)).deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(to.count - 1, folder.count), to[common] == folder[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + to[common...]).joined(separator: "/")
    }
}

/// The models `next-year` can roll forward: only the official report (it knows which of its
/// values change with the year).
enum NextYearModel: String, ExpressibleByArgument {
    case officialReport = "official-report"
}
