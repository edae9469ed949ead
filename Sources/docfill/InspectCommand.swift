import ArgumentParser
import DocFill

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every tag of a template with its place, as a tree of sections.",
        discussion: """
        Each line gives the tag as written, "picture" when it is a placeholder picture's alt text (the data gives a picture for it), its line:column in the part's XML and, in documents, the paragraph or table cell it is in ("paragraph 3", "table 1, row 2, cell 1"). A section's content is indented under it. --json prints the same tree for tools.
        """)

    @Argument(help: "The template (.docx, .odt, .fodt or text).") var template: String
    @Flag(help: "Print the tree as JSON.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        do {
            let outline = try LoadedTemplate.load(template, options: try templateOptions.compileOptions()).outline()
            if json { printJSON(outline.json()) } else { print(outline.tree(), terminator: "") }
        } catch {
            reportAndExit(error)
        }
    }
}
