import ArgumentParser
import DocFill

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every tag of a template with its place, as a tree of sections.",
        discussion: """
        Each line gives the tag as written, "picture" when it is a placeholder picture's alt text (the data gives a picture for it), its line:column in the part's XML and, in documents, the paragraph or table cell it is in ("paragraph 3", "table 1, row 2, cell 1"). A section's content is indented under it. A template that declares its data model (the docfill.model document property) starts with a line "model: NAME (declared in PART)". --json prints the same as {"model": {"name", "part", "line", "column"} or null, "parts": [the tree]} for tools.
        """)

    @Argument(help: "The template (.docx, .odt, .fodt or text).") var template: String
    @Flag(help: "Print the tree as JSON.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        do {
            let loaded = try LoadedTemplate.load(template, options: try templateOptions.compileOptions())
            let outline = try loaded.outline()
            let model = loaded.declaredModel
            if json {
                let declared: Value = model.map {
                    .object(["name": .string($0.value), "part": .string($0.location.part ?? ""),
                             "line": .int($0.location.line ?? 0), "column": .int($0.location.column ?? 0)])
                } ?? .null
                printJSON(.object(["model": declared, "parts": outline.json()]))
            } else {
                if let model { print("model: \(model.value) (declared in \(model.location.part.flatMap { $0.isEmpty ? nil : $0 } ?? "office:meta"))") }
                print(outline.tree(), terminator: "")
            }
        } catch {
            reportAndExit(error)
        }
    }
}
