import Foundation
import Testing
@testable import DocFill

/// Errors in documents name the place as the author sees it, after the XML place: the
/// paragraph or table cell (as `docfill inspect` names it), the paragraph's text with its
/// tags, the list item being rendered; a misspelt name gets the closest key of the data.
struct AuthorPlaceTests {
    /// The lines a strict render of `data` into memory fails with; the template is named
    /// by its file name only.
    static func problems(_ fixture: String, _ data: String, edit: ((String) -> String)? = nil) throws -> [String] {
        let template = try DocumentTemplate(bytes: try bytes(fixture, edit: edit), file: fixture)
        let value = try DataLoader.loadJSON(Array(data.utf8), file: "data.json")
        do {
            _ = try template.renderParts(value, options: RenderOptions())
            return []
        } catch let error as DocFillError {
            return error.diagnostics.map(\.description)
        }
    }

    /// A fixture's bytes, with `edit` applied to its main document part.
    static func bytes(_ fixture: String, edit: ((String) -> String)?) throws -> [UInt8] {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(fixture))))
        guard let edit else { return original }
        let path = TestPaths.scratch(fixture).appendingPathComponent(fixture).path
        let writer = try ZipWriter(path: path)
        for entry in try ImageTests.entries(TestPaths.fixture(fixture)) {
            let bytes = entry.name == "word/document.xml" ? Array(edit(String(decoding: entry.bytes, as: UTF8.self)).utf8) : entry.bytes
            try writer.add(name: entry.name, bytes: bytes)
        }
        try writer.close()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static let rows = #"{"items": [{"name": "Apple", "qty": 3, "price": "1.50"}, {"qty": 2, "price": "0.80"}], "total_qty": 5}"#

    @Test func bodyParagraphWithItsText() throws {
        var data = try String(contentsOfFile: TestPaths.fixture("variables.json"), encoding: .utf8)
        data = data.replacingOccurrences(of: #""title": "Quarterly Report","#, with: "")
        #expect(try Self.problems("variables.docx", data) == [
            #"variables.docx:word/document.xml:2:1023 (paragraph 1, "{{title}}"): error[unknown_name]: '{{title}}': no 'title' in the data"#,
        ])
    }

    /// A table cell's place, and the data path of the list item the name is missing from
    /// (0-based, as every data path): only the second item lacks `name`.
    @Test(arguments: [("row-loop.docx", "word/document.xml:2:6085"), ("row-loop.odt", "content.xml:2:5567"),
                      ("row-loop.fodt", "111:128")])
    func tableCellAndListItem(_ fixture: String, _ place: String) throws {
        #expect(try Self.problems(fixture, Self.rows) == [
            #"\#(fixture):\#(place) (table 1, row 3, cell 2, "{{name}}", item items[1]): error[unknown_name]: '{{name}}': no 'name' in the data"#,
        ])
    }

    /// In nested lists the item's path goes through the outer item.
    @Test func nestedListItem() throws {
        let data = #"{"parts": [{"title": "A", "sections": [{"heading": "x", "text": "y"}]}, {"title": "B", "sections": [{"heading": "z", "text": "w"}, {"heading": "v"}]}]}"#
        #expect(try Self.problems("paragraph-loop.docx", data) == [
            #"paragraph-loop.docx:word/document.xml:2:1786 (paragraph 4, "{{heading}} — {{text}}", item parts[1].sections[1]): error[unknown_name]: '{{text}}': no 'text' in the data"#,
        ])
    }

    @Test func headerAndFooterParts() throws {
        #expect(try Self.problems("header-footer.docx", #"{"body": "b"}"#) == [
            #"header-footer.docx:word/footer1.xml:2:985 (paragraph 1, "Page footer: {{footer_note}}"): error[unknown_name]: '{{footer_note}}': no 'footer_note' in the data"#,
            #"header-footer.docx:word/header1.xml:2:971 (paragraph 1, "{{org}}"): error[unknown_name]: '{{org}}': no 'org' in the data"#,
        ])
    }

    /// Compile errors of ODT documents carry the place too.
    @Test func odtCompileError() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("error-crosses-table.odt"))))
        let error = #expect(throws: DocFillError.self) { try DocumentTemplate(bytes: bytes, file: "t.odt") }
        #expect(error?.diagnostics.first?.location.authorPlace == AuthorPlace(site: .tableCell(table: 1, row: 1, cell: 1), text: "{{#rows}}{{a}}"))
        #expect(error?.description.hasPrefix(#"t.odt:content.xml:2:4099 (table 1, row 1, cell 1, "{{#rows}}{{a}}"): error[section_crosses_table]"#) == true)
    }

    /// A misspelt name gets the closest key where it was looked up: the first component
    /// among every level's keys, a later one among the keys of what the part before it found.
    @Test func didYouMean() throws {
        let data = try String(contentsOfFile: TestPaths.fixture("variables.json"), encoding: .utf8)
        let lines = try Self.problems("variables.docx", data) { xml in
            xml.replacingOccurrences(of: "{{title}}", with: "{{tilte}}")
                .replacingOccurrences(of: "{{customer.city}}", with: "{{customer.ctiy}}")
                .replacingOccurrences(of: "{{lines}}", with: "{{zzz}}")
        }
        #expect(lines == [
            #"variables.docx:word/document.xml:2:1023 (paragraph 1, "{{tilte}}"): error[unknown_name]: '{{tilte}}': no 'tilte' in the data; did you mean 'title'?"#,
            #"variables.docx:word/document.xml:2:1276 (paragraph 2, "Customer: {{customer.name}} ({{customer.ctiy}})"): error[unknown_name]: '{{customer.ctiy}}': no 'ctiy' in 'customer.ctiy'; did you mean 'customer.city'?"#,
            // Nothing close: no suggestion.
            #"variables.docx:word/document.xml:2:2564 (paragraph 6, "Lines: {{zzz}}"): error[unknown_name]: '{{zzz}}': no 'zzz' in the data"#,
        ])
    }

    @Test func suggestionLimits() {
        #expect(NameSuggestion.closest(to: "cat", among: ["cap", "bat", "dog"]) == "bat")  // both one edit: alphabetical
        #expect(NameSuggestion.closest(to: "nmae", among: ["name", "game"]) == "name")   // a swap is one edit, game two
        #expect(NameSuggestion.closest(to: "id", among: ["ip"]) == nil)                  // too short for any edit
        #expect(NameSuggestion.closest(to: "quantity", among: ["quanity", "qty"]) == "quanity")
        #expect(NameSuggestion.closest(to: "customer", among: ["costumes"]) == nil)      // three edits
        #expect(NameSuggestion.closest(to: String(repeating: "a", count: 300), among: [String(repeating: "a", count: 299)]) == nil)
    }

    /// A 100 KB dotted name gives a short message: the tag, the names and the paragraph's
    /// text are quoted with at most 60 characters.
    @Test func hugeNameGivesAShortMessage() throws {
        let name = Array(repeating: "a", count: 50_000).joined(separator: ".")
        for data in [#"{}"#, #"{"a": {}}"#] {
            let lines = try Self.problems("variables.docx", data) { $0.replacingOccurrences(of: "{{title}}", with: "{{\(name)}}") }
            let first = try #require(lines.first)
            #expect(first.count < 400, "\(first.prefix(400))")
            let quoted = "{{" + String(repeating: "a.", count: 29) + "…"
            #expect(first.hasPrefix(#"variables.docx:word/document.xml:2:1023 (paragraph 1, "\#(quoted)"): error[unknown_name]: '\#(quoted)': no 'a' in"#),
                    "\(first.prefix(400))")
        }
    }
}
