import Foundation
import Testing
@testable import DocFill

/// Rich text at the command line: `check` warns on unclosed markers with their place and
/// reads a rich value's `md` with it; `inspect` marks a tag made rich by the `md` filter.
struct RichTextCLITests {
    @Test func checkWarnsOnUnclosedMarkup() throws {
        let dir = TestPaths.scratch()
        let data = try CheckTests.write("""
            {"title": {"md": "ok *unclosed and **bold**"}, "customer": {"name": {"md": "*fine*"}, "city": "B"},
             "raw": "", "note": "", "lines": "", "vip": false}
            """, "data.json", in: dir)
        let r = try CLITests.docfill(["check", TestPaths.fixture("variables.docx"), data])
        #expect(r.status == 0, "\(r.stdout)")
        let t = TestPaths.fixture("variables.docx") + ":word/document.xml"
        #expect(r.stdout == """
            \(t):2:1023 (paragraph 1, "{{title}}"): warning[rich_markup]: '{{title}}' (data 'title'), character 4 ('*unclosed and **bold'): '*' is not closed: it stays as text

            """)
    }

    /// Markup a link's bounds leave as text (a mark crossing them) is a warning too.
    @Test func checkWarnsOnAMarkCrossingALink() throws {
        let dir = TestPaths.scratch()
        let data = try CheckTests.write("""
            {"title": {"md": "see [*a](https://x.vn)* and [a [b] c](https://y.vn)"}, "customer": {"name": "A", "city": "B"},
             "raw": "", "note": "", "lines": "", "vip": false}
            """, "data.json", in: dir)
        let r = try CLITests.docfill(["check", TestPaths.fixture("variables.docx"), data])
        #expect(r.status == 0, "\(r.stdout)")
        let warnings = r.stdout.split(separator: "\n").filter { $0.contains("warning[rich_markup]") }
        #expect(warnings.count == 1 && warnings[0].contains("character 6 ('*a](https://x.vn)* a')") && warnings[0].contains("link"),
                "\(r.stdout)")
    }

    /// The warning names the item (`items[2].body`, not `items[].body`), and equal problems
    /// at different items are one warning each.
    @Test func checkNamesTheItemOfAMarkupProblem() throws {
        let items: [Value] = [.object(["body": .rich("fine *x*")]), .object(["body": .rich("*open")]),
                              .object(["body": .rich("ok")]), .object(["body": .rich("*open")])]
        let problems = try TemplateCheck.check(text: "{{#items}}{{body}}{{/items}}", file: nil, data: .object(["items": .array(items)]),
                                               dataFile: nil)
        let markup = problems.filter { $0.code == "rich_markup" }.map(\.message)
        #expect(markup.count == 2 && markup[0].contains("(data 'items[1].body')") && markup[1].contains("(data 'items[3].body')"),
                "\(markup)")
    }

    @Test func inspectMarksTheMdFilter() throws {
        let dir = TestPaths.scratch()
        let template = dir.appendingPathComponent("t.txt").path
        try "{{body | md}} {{plain}} {{body | md | upper}}".write(toFile: template, atomically: true, encoding: .utf8)
        let r = try CLITests.docfill(["inspect", template])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].contains("{{body | md}}  rich") && !lines[1].contains("rich") && !lines[2].contains("rich"),
                "\(r.stdout)")
        let json = try CLITests.docfill(["inspect", "--json", template])
        #expect(json.stdout.contains("\"rich\":true") || json.stdout.contains("\"rich\": true"), "\(json.stdout)")
    }

    /// A text template prints a rich value as its plain text.
    @Test func textTemplatePrintsPlainText() throws {
        let template = try TextTemplate("{{a}} / {{b | md}}", file: nil)
        #expect(try template.render(.object(["a": .rich("*x* and [l](https://a.vn)"), "b": .string("**y**")])) == "x and l / y")
    }

    /// An empty rich value is falsy as a section and empty for `default`, as `""` is.
    @Test func emptyRichValueIsFalsy() throws {
        let template = try TextTemplate("{{#note}}A{{/note}}|{{^note}}B{{/note}}|{{note | default:\"DEF\"}}", file: nil)
        #expect(try template.render(.object(["note": .rich("")])) == "|B|DEF")
        #expect(try template.render(.object(["note": .rich("\n\n")])) == "|B|DEF")
        #expect(try template.render(.object(["note": .rich("*x*")])) == "A||x")
    }

    /// The inferred schema accepts a rich value where a value goes, and nothing else as an object.
    @Test func schemaAcceptsRichValues() throws {
        let r = try CLITests.docfill(["schema", TestPaths.fixture("variables.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        let base = #""customer": {"name": {"md": "*A*"}, "city": "B"}, "raw": "", "note": "", "lines": "", "vip": false"#
        let valid = try JSONSchemaValidator.validate(data: Data("{\"title\": {\"md\": \"**x**\"}, \(base)}".utf8), schema: Data(r.stdout.utf8))
        #expect(valid.status == 0, "\(valid.output)")
        let invalid = try JSONSchemaValidator.validate(data: Data("{\"title\": {\"text\": \"x\"}, \(base)}".utf8), schema: Data(r.stdout.utf8))
        #expect(invalid.status == 3, "\(invalid.output)")
    }
}
