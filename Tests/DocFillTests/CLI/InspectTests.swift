import Foundation
import Testing
@testable import DocFill

/// `docfill inspect`: the tag tree with places, for people and as JSON.
struct InspectTests {
    @Test func paragraphLoopTree() throws {
        let r = try CLITests.docfill(["inspect", TestPaths.fixture("paragraph-loop.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            word/document.xml
              {{#parts}}  2:1055  paragraph 1
                {{@number}}  2:1215  paragraph 2
                {{title}}  2:1228  paragraph 2
                {{#sections}}  2:1452  paragraph 3
                  {{heading}}  2:1714  paragraph 4
                  {{text}}  2:1786  paragraph 4
                {{/sections}}  2:2009  paragraph 5
              {{/parts}}  2:2237  paragraph 6

            """)
    }

    @Test func rowLoopTreeNamesTableRowAndCell() throws {
        let r = try CLITests.docfill(["inspect", TestPaths.fixture("row-loop.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            word/document.xml
              {{#items}}  2:5575  table 1, row 3, cell 1
                {{@number}}  2:5585  table 1, row 3, cell 1
                {{name}}  2:6085  table 1, row 3, cell 2
                {{qty}}  2:6582  table 1, row 3, cell 3
                {{price}}  2:7078  table 1, row 3, cell 4
              {{/items}}  2:7087  table 1, row 3, cell 4
              {{total_qty}}  2:8588  table 1, row 4, cell 3

            """)
    }

    /// A flat ODF document is one unnamed part: no part line, as for a text template.
    @Test func flatODFHasNoPartLine() throws {
        let r = try CLITests.docfill(["inspect", TestPaths.fixture("row-loop.fodt")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            {{#items}}  110:128  table 1, row 3, cell 1
              {{@number}}  110:138  table 1, row 3, cell 1
              {{name}}  111:128  table 1, row 3, cell 2
              {{qty}}  112:128  table 1, row 3, cell 3
              {{price}}  113:128  table 1, row 3, cell 4
            {{/items}}  113:137  table 1, row 3, cell 4
            {{total_qty}}  118:128  table 1, row 4, cell 3

            """)
    }

    @Test func jsonParsesAndKeepsTheTree() throws {
        let r = try CLITests.docfill(["inspect", "--json", TestPaths.fixture("row-loop.odt")])
        #expect(r.status == 0, "\(r.stderr)")
        let parts = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["parts"] as? [[String: Any]])
        #expect(parts.count == 1)
        #expect(parts[0]["part"] as? String == "content.xml")
        let tags = try #require(parts[0]["tags"] as? [[String: Any]])
        #expect(tags.map { $0["source"] as? String } == ["{{#items}}", "{{total_qty}}"])
        let section = tags[0]
        #expect(section["kind"] as? String == "section")
        #expect(section["name"] as? String == "items")
        let site = try #require(section["site"] as? [String: Any])
        #expect(site["table"] as? Int == 1 && site["row"] as? Int == 3 && site["cell"] as? Int == 1)
        #expect(site["text"] as? String == "table 1, row 3, cell 1")
        let body = try #require(section["body"] as? [[String: Any]])
        #expect(body.map { $0["name"] as? String } == ["@number", "name", "qty", "price"])
        let close = try #require(section["close"] as? [String: Any])
        #expect(close["kind"] as? String == "close")
        #expect((close["line"] as? Int, close["column"] as? Int) == (2, 5881))
    }

    /// A placeholder picture's tag reads like a value tag: `picture` tells them apart, in the
    /// tree and as `"picture": true` in JSON (its `kind` stays `variable`).
    @Test func pictureTagsAreMarked() throws {
        let r = try CLITests.docfill(["inspect", TestPaths.fixture("images.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            word/document.xml
              {{title}}  2:1026  paragraph 1
              {{logo}}  picture  2:1497  paragraph 2
              {{#people}}  20:2869  table 1, row 2, cell 1
                {{name}}  20:2880  table 1, row 2, cell 1
                {{photo}}  picture  20:3559  table 1, row 2, cell 2
              {{/people}}  20:5228  table 1, row 2, cell 3
            word/header1.xml
              {{org}}  2:992  paragraph 1
              {{header_logo}}  picture  2:1219  paragraph 1

            """)
        let json = try CLITests.docfill(["inspect", "--json", TestPaths.fixture("images.odt")])
        #expect(json.status == 0, "\(json.stderr)")
        let parts = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["parts"] as? [[String: Any]])
        #expect(parts.map { $0["part"] as? String } == ["styles.xml", "content.xml"])
        let tags = try #require(parts[1]["tags"] as? [[String: Any]])
        let body = try #require(tags[2]["body"] as? [[String: Any]])
        let flat = tags + body
        #expect(flat.map { $0["name"] as? String } == ["title", "logo", "people", "name", "photo"])
        #expect(flat.map { $0["picture"] as? Bool } == [nil, true, nil, nil, true])
        #expect(flat.map { $0["kind"] as? String } == ["variable", "variable", "section", "variable", "variable"])
        #expect((tags[1]["site"] as? [String: Any])?["text"] as? String == "paragraph 2")
    }

    @Test func textTemplateTreeHasLinesAndColumns() throws {
        let file = TestPaths.scratch().appendingPathComponent("letter.txt")
        try Data("Dear {{name}},\n{{#items}}\n- {{.}} {{ price | number:2 }}\n{{/items}}\n".utf8).write(to: file)
        let r = try CLITests.docfill(["inspect", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            {{name}}  1:6
            {{#items}}  2:1
              {{.}}  3:3
              {{ price | number:2 }}  3:9
            {{/items}}  4:1

            """)
        let json = try CLITests.docfill(["inspect", "--json", file.path])
        let parts = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["parts"] as? [[String: Any]])
        let body = try #require((parts[0]["tags"] as? [[String: Any]])?[1]["body"] as? [[String: Any]])
        let filters = try #require(body[1]["filters"] as? [[String: Any]])
        #expect(filters[0]["name"] as? String == "number")
        #expect(filters[0]["arguments"] as? [String] == ["2"])
        #expect(parts[0]["part"] == nil)
    }

    @Test func compileErrorsAreReportedNotInspected() throws {
        let r = try CLITests.docfill(["inspect", TestPaths.fixture("errors-three.docx")])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 3, "\(r.stderr)")
    }
}
