import Foundation

/// A data model whose data is written again every year: it can make next year's data file
/// from this year's, a small file that extends it and names only what changes.
/// `OfficialReportModel` is one.
public protocol YearlyDataModel: DataModel {
    /// Next year's data for `data` (this year's, with its own `extends` merged): the new data,
    /// which says `extends: extends`, and its YAML text. `extends` is this year's file as a
    /// path relative to the new file's folder; `source` names this year's file in messages.
    func nextYear(from data: Value, extends: String, source: String) throws -> (data: Value, yaml: String)
}

/// Writing next year's data file, the way `docfill next-year` does: this year's file is
/// loaded (with what it extends), rolled forward by its model, and the new file written to
/// `output` (`-`: standard output) under the output rules; an existing file is replaced only
/// with `force`.
public struct NextYearJob: Sendable {
    /// This year's data file: a path, since the new file extends it by its path.
    public var data: String
    /// The new data file, or `-` for standard output.
    public var output: String
    /// The model that rolls the data forward (the one this year's file is written for).
    public var model: any YearlyDataModel
    /// Replace `output` if it exists.
    public var force: Bool

    /// A job that rolls `data` forward with `model` into `output`; `force` allows replacing it.
    public init(data: String, output: String, model: any YearlyDataModel, force: Bool = false) {
        self.data = data; self.output = output; self.model = model; self.force = force
    }

    /// What was written.
    public struct Outcome: Sendable, Equatable {
        /// Where: the output path, or `standard output`.
        public var written: String
        /// How many values are marked TODO, to be entered again.
        public var todos: Int
    }

    /// Loads, rolls forward and writes; throws a `DocFillError` before writing anything when a
    /// step fails.
    public func run() throws -> Outcome {
        guard data != "-" else {
            throw DocFillError("invalid_option", "next-year needs this year's data as a file, to extend it by its path")
        }
        let target = try OutputTarget(output, protecting: [.data(data)])
        if !force, !target.isStandardOutput, FileManager.default.fileExists(atPath: output) {
            throw DocFillError("output_exists", "\(output) exists; give another -o, or --force to replace it",
                               at: SourceLocation(file: output))
        }
        let value = try DataLoader.load(contentsOf: data)
        // On standard output the new file's place is unknown: `extends` is relative to the
        // current folder, where the file is most likely saved.
        let from = target.isStandardOutput ? "new.yaml" : output
        let result = try model.nextYear(from: value, extends: Self.relativePath(of: data, from: from),
                                        source: (data as NSString).lastPathComponent)
        try target.write(Array(result.yaml.utf8))
        return Outcome(written: target.isStandardOutput ? "standard output" : output,
                       todos: TodoMarks.find(in: result.data).count)
    }

    /// `target` as a path relative to the folder of `file`, both made absolute (links
    /// resolved) first: what the new file's `extends` says.
    public static func relativePath(of target: String, from file: String) -> String {
        let to = URL(fileURLWithPath: canonical(target)).pathComponents
        let folder = URL(fileURLWithPath: canonical(file)).deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(to.count - 1, folder.count), to[common] == folder[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + to[common...]).joined(separator: "/")
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
