import ArgumentParser
import DocFill
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the paragraphs and table cells that differ between two rendered documents.",
        discussion: """
        OLD and NEW are .docx, .odt or .fodt files (they may differ in format). Their text is compared line by line, a paragraph per line and a table row as its cells joined with " | " (headers and footers after '--- header' / '--- footer'), and printed as a unified diff: '-' lines only in OLD, '+' lines only in NEW, with --context unchanged lines around them; a line break inside a paragraph shows as ↵. Coloured when stdout is a terminal. Exit status: 0 when the texts are equal, 1 when they differ, 2 on error.
        """)

    @Argument(help: "The earlier document.") var old: String
    @Argument(help: "The later document.") var new: String
    @Option(name: [.customShort("U"), .long], help: "Unchanged lines shown around each change.") var context = 3
    @Flag(help: "Colour the output even when stdout is not a terminal.") var color = false
    @Flag(help: "Never colour the output.") var noColor = false

    func run() throws {
        let lines: [String]
        do {
            if context < 0 { throw DocFillError("invalid_option", "--context must be 0 or more") }
            lines = TextDiff.unified(old: try DocumentText.lines(contentsOf: old), new: try DocumentText.lines(contentsOf: new),
                                     oldName: old, newName: new, context: context)
        } catch let error as DocFillError {
            for d in error.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
            throw ExitCode(2)
        }
        let colour = !noColor && (color || isatty(STDOUT_FILENO) == 1)
        for (i, line) in lines.enumerated() { print(colour ? Self.coloured(line, header: i < 2) : line) }
        if !lines.isEmpty { throw ExitCode(1) }
    }

    static func coloured(_ line: String, header: Bool) -> String {
        let code: String
        if header { code = "1" }
        else if line.hasPrefix("@@") { code = "36" }
        else if line.hasPrefix("-") { code = "31" }
        else if line.hasPrefix("+") { code = "32" }
        else { return line }
        return "\u{1B}[\(code)m\(line)\u{1B}[0m"
    }
}
