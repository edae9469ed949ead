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
}

/// Options every command that reads a template shares.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: "Tag delimiters as two markers separated by a space, e.g. '{ }' for docxtemplater-style templates.")
    var delimiters: String = "{{ }}"

    @Option(name: .long, help: "Largest uncompressed size of one archive entry, in MiB.")
    var maxEntryMiB: Int = 256

    @Option(name: .long, help: "Largest uncompressed size of the whole archive, in MiB.")
    var maxTotalMiB: Int = 1024

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

/// Prints DocFill errors the way compilers do, one per line, and exits non-zero.
func reportAndExit(_ error: Error) -> Never {
    if let error = error as? DocFillError {
        for d in error.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        Foundation.exit(1)
    }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    Foundation.exit(1)
}
