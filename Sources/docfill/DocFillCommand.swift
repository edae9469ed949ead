import ArgumentParser
import DocFill
import Foundation

@main
struct DocFillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docfill",
        abstract: "Fill DOCX, ODT and text templates with Mustache tags from JSON or YAML data.",
        version: "docfill \(ReleaseVersion.string)",
        subcommands: [RenderCommand.self, PreviewCommand.self, BatchCommand.self,
                      InspectCommand.self, SchemaCommand.self, CheckCommand.self,
                      NextYearCommand.self, DiffCommand.self, ServeCommand.self])

    static let oneShotCommands: Set<String> = ["render", "preview", "batch", "inspect", "schema", "check", "next-year", "diff"]

    static func main() {
        SignalCleanup.install()   // first: before any other thread starts
        // Commands that compile, work and exit leave the parsed trees to the exit; a command
        // that keeps running is not in this list.
        if let command = CommandLine.arguments.dropFirst().first, oneShotCommands.contains(command) {
            ShortLivedProcess.keepParsedTrees()
        }
        SpeculativeCompile.start(arguments: CommandLine.arguments)
        main(nil)
    }
}

/// Options every command that reads a template shares.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: "Tag delimiters as two markers separated by a space, e.g. '{ }' for docxtemplater-style templates.")
    var delimiters: String = "{{ }}"

    // Named explicitly: the default spelling of `maxEntryMiB` is `--max-entry-mi-b`.
    // Unconditional: a negative value reaches the range check instead of passing for an option.
    @Option(name: .customLong("max-entry-mib"), parsing: .unconditional, help: "Largest uncompressed size of one archive entry, in MiB.")
    var maxEntryMiB: Int = ArchiveLimits().maxEntrySize >> 20

    @Option(name: .customLong("max-total-mib"), parsing: .unconditional, help: "Largest uncompressed size of the whole archive, in MiB.")
    var maxTotalMiB: Int = ArchiveLimits().maxTotalSize >> 20

    func compileOptions() throws -> CompileOptions {
        guard let pair = Delimiters(pair: delimiters) else {
            throw DocFillError("invalid_delimiters", "--delimiters '\(delimiters)' must be two markers separated by a space, without '='")
        }
        var limits = ArchiveLimits()
        limits.maxEntrySize = try mebibytes(maxEntryMiB, "--max-entry-mib")
        limits.maxTotalSize = try mebibytes(maxTotalMiB, "--max-total-mib")
        return CompileOptions(delimiters: pair, limits: limits)
    }
}

/// The most mebibytes whose byte count an Int holds.
let maxMebibytes = Int.max >> 20

/// `value` MiB in bytes, refusing 0, negatives and sizes no Int holds (which used to wrap
/// round to a negative limit).
func mebibytes(_ value: Int, _ option: String) throws -> Int {
    try checkRange(value, option, max: maxMebibytes) << 20
}

/// A count option from 1 to `max`, as a one-line `invalid_option` otherwise.
@discardableResult
func checkRange(_ value: Int, _ option: String, max: Int = .max) throws -> Int {
    guard value >= 1, value <= max else {
        throw DocFillError("invalid_option", max == .max ? "\(option) must be at least 1" : "\(option) must be between 1 and \(max)")
    }
    return value
}

/// Bounds on the data file, for commands that read one.
struct DataOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Deepest nesting of lists and objects in the data.")
    var maxDataDepth: Int = DataLimits().maxDepth

    @Option(name: .long, parsing: .unconditional, help: "Most values (lists, objects and scalars) in the data.")
    var maxDataValues: Int = DataLimits().maxValues

    @Option(name: .customLong("max-data-mib"), parsing: .unconditional, help: "Largest data file, in MiB.")
    var maxDataMiB: Int = DataLimits().maxBytes >> 20

    func limits() throws -> DataLimits {
        var limits = DataLimits()
        limits.maxDepth = try checkRange(maxDataDepth, "--max-data-depth")
        limits.maxValues = try checkRange(maxDataValues, "--max-data-values")
        limits.maxBytes = try mebibytes(maxDataMiB, "--max-data-mib")
        return limits
    }
}

/// Bounds on what a render writes, for commands that render (`output_too_large` above them).
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("max-part-mib"), parsing: .unconditional, help: "Largest rendered part (e.g. word/document.xml), in MiB.")
    var maxPartMiB: Int = OutputLimits().maxPartSize >> 20

    @Option(name: .customLong("max-output-mib"), parsing: .unconditional,
            help: "Largest whole output (every entry of the document unpacked: rendered parts, pictures, copied entries), in MiB.")
    var maxOutputMiB: Int = OutputLimits().maxTotalSize >> 20

    func limits() throws -> OutputLimits {
        OutputLimits(maxPartSize: try mebibytes(maxPartMiB, "--max-part-mib"),
                     maxTotalSize: try mebibytes(maxOutputMiB, "--max-output-mib"))
    }
}

/// Prints DocFill errors the way compilers do, one per line (then a hint, if any), and exits non-zero.
func reportAndExit(_ error: Error) -> Never {
    let hinted = error as? HintedError
    if let error = hinted?.error ?? error as? DocFillError {
        for d in error.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        if let hint = hinted?.hint { FileHandle.standardError.write(Data((hint + "\n").utf8)) }
        Foundation.exit(1)
    }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    Foundation.exit(1)
}

/// JSON for people and tools: pretty, keys sorted, one trailing newline.
func printJSON(_ value: Value) {
    print(String(decoding: value.jsonBytes(pretty: true), as: UTF8.self))
}
