import ArgumentParser
import DocFill
import Foundation

@main
struct DocFillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docfill",
        abstract: "Fill DOCX, ODT and text templates with Mustache tags from JSON or YAML data.",
        subcommands: [RenderCommand.self, PreviewCommand.self, BatchCommand.self,
                      InspectCommand.self, SchemaCommand.self, CheckCommand.self,
                      NextYearCommand.self, DiffCommand.self])

    static func main() {
        SpeculativeCompile.start(arguments: CommandLine.arguments)
        main(nil)
    }
}

/// Options every command that reads a template shares.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: "Tag delimiters as two markers separated by a space, e.g. '{ }' for docxtemplater-style templates.")
    var delimiters: String = "{{ }}"

    // Named explicitly: the default spelling of `maxEntryMiB` is `--max-entry-mi-b`.
    @Option(name: .customLong("max-entry-mib"), help: "Largest uncompressed size of one archive entry, in MiB.")
    var maxEntryMiB: Int = ArchiveLimits().maxEntrySize >> 20

    @Option(name: .customLong("max-total-mib"), help: "Largest uncompressed size of the whole archive, in MiB.")
    var maxTotalMiB: Int = ArchiveLimits().maxTotalSize >> 20

    func compileOptions() throws -> CompileOptions {
        guard let pair = Delimiters(pair: delimiters) else {
            throw DocFillError("invalid_delimiters", "--delimiters '\(delimiters)' must be two markers separated by a space, without '='")
        }
        var limits = ArchiveLimits()
        limits.maxEntrySize = maxEntryMiB << 20
        limits.maxTotalSize = maxTotalMiB << 20
        return CompileOptions(delimiters: pair, limits: limits)
    }
}

/// Bounds on the data file, for commands that read one.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Deepest nesting of lists and objects in the data.")
    var maxDataDepth: Int = DataLimits().maxDepth

    @Option(name: .long, help: "Most values (lists, objects and scalars) in the data.")
    var maxDataValues: Int = DataLimits().maxValues

    @Option(name: .customLong("max-data-mib"), help: "Largest data file, in MiB.")
    var maxDataMiB: Int = DataLimits().maxBytes >> 20

    func limits() throws -> DataLimits {
        for (name, value) in [("--max-data-depth", maxDataDepth), ("--max-data-values", maxDataValues), ("--max-data-mib", maxDataMiB)]
            where value < 1 {
            throw DocFillError("invalid_option", "\(name) must be at least 1")
        }
        var limits = DataLimits()
        limits.maxDepth = maxDataDepth
        limits.maxValues = maxDataValues
        limits.maxBytes = maxDataMiB > Int.max >> 21 ? Int.max - 1 : maxDataMiB << 20
        return limits
    }
}

/// Prints DocFill errors the way compilers do, one per line, and exits non-zero.
func reportAndExit(_ error: Error) -> Never {
    if let error = error as? DocFillError {
        for d in error.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        Foundation.exit(1)
    }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    Foundation.exit(1)
}
