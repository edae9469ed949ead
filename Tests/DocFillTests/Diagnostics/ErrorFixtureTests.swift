import Foundation
import Testing
@testable import DocFill

/// Template errors on templates made by LibreOffice: exact message text and place, every
/// error of a template reported in one run (errors-three has three different ones).
struct ErrorFixtureTests {
    static let expected: [String: [String]] = [
        "errors-three.docx": [
            #"errors-three.docx:word/document.xml:2:1308 (paragraph 2, "Hello {{name"): error[unclosed_tag]: '{{name' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"#,
            #"errors-three.docx:word/document.xml:2:1767 (paragraph 4, "{{/orphan}}"): error[unexpected_close]: '{{/orphan}}' closes a section that was never opened; remove it or open the section before it"#,
            #"errors-three.docx:word/document.xml:2:2221 (paragraph 6, "{{ value | nosuchfilter }}"): error[unknown_filter]: '{{ value | nosuchfilter }}': no filter named 'nosuchfilter'; known filters: capitalize, count, date, default, lower, md, money, number, ordinal, percent, roman, trim, upper, year"#,
        ],
        "errors-three.odt": [
            #"errors-three.odt:content.xml:2:3313 (paragraph 2, "Hello {{name"): error[unclosed_tag]: '{{name' is not closed with '}}' in the same paragraph; a tag must close in its paragraph or in one of the 9 paragraphs after it"#,
            #"errors-three.odt:content.xml:2:3438 (paragraph 4, "{{/orphan}}"): error[unexpected_close]: '{{/orphan}}' closes a section that was never opened; remove it or open the section before it"#,
            #"errors-three.odt:content.xml:2:3558 (paragraph 6, "{{ value | nosuchfilter }}"): error[unknown_filter]: '{{ value | nosuchfilter }}': no filter named 'nosuchfilter'; known filters: capitalize, count, date, default, lower, md, money, number, ordinal, percent, roman, trim, upper, year"#,
        ],
        "error-unclosed-section.docx": [
            #"error-unclosed-section.docx:word/document.xml:2:1277 (paragraph 2, "{{#items}}"): error[unclosed_section]: '{{#items}}' is never closed; add '{{/items}}' where the section ends"#,
        ],
        "error-unclosed-section.odt": [
            #"error-unclosed-section.odt:content.xml:2:3282 (paragraph 2, "{{#items}}"): error[unclosed_section]: '{{#items}}' is never closed; add '{{/items}}' where the section ends"#,
        ],
        "error-mismatch.docx": [
            #"error-mismatch.docx:word/document.xml:2:1725 (paragraph 4, "{{/b}}"): error[mismatched_close]: '{{/b}}' does not match the open section '{{#a}}'; close it with '{{/a}}'"#,
        ],
        "error-mismatch.odt": [
            #"error-mismatch.odt:content.xml:2:3396 (paragraph 4, "{{/b}}"): error[mismatched_close]: '{{/b}}' does not match the open section '{{#a}}'; close it with '{{/a}}'"#,
        ],
        "error-crosses-table.docx": [
            #"error-crosses-table.docx:word/document.xml:2:1932 (table 1, row 1, cell 1, "{{#rows}}{{a}}"): error[section_crosses_table]: '{{#rows}}' and '{{/rows}}' are not in the same table: open and close a row loop in the same table, or a paragraph loop outside it"#,
        ],
        "error-crosses-table.odt": [
            #"error-crosses-table.odt:content.xml:2:4099 (table 1, row 1, cell 1, "{{#rows}}{{a}}"): error[section_crosses_table]: '{{#rows}}' and '{{/rows}}' are not in the same table: open and close a row loop in the same table, or a paragraph loop outside it"#,
        ],
        "error-bad-delimiter.docx": [
            #"error-bad-delimiter.docx:word/document.xml:2:1277 (paragraph 2, "{{=<% =}}"): error[invalid_delimiters]: '{{=<% =}}' must give two delimiters without '=' and end with '=', as in '{{=<% %>=}}'"#,
        ],
        "error-bad-delimiter.odt": [
            #"error-bad-delimiter.odt:content.xml:2:3282 (paragraph 2, "{{=<% =}}"): error[invalid_delimiters]: '{{=<% =}}' must give two delimiters without '=' and end with '=', as in '{{=<% %>=}}'"#,
        ],
        "error-tag-in-tag.docx": [
            #"error-tag-in-tag.docx:word/document.xml:2:1284 (paragraph 2, "Value: {{ outer {{inner}} }}"): error[tag_in_tag]: '{{ outer {{inner}}' has a tag inside a tag; close the first tag before opening another"#,
        ],
        "error-tag-in-tag.odt": [
            #"error-tag-in-tag.odt:content.xml:2:3289 (paragraph 2, "Value: {{ outer {{inner}} }}"): error[tag_in_tag]: '{{ outer {{inner}}' has a tag inside a tag; close the first tag before opening another"#,
        ],
    ]

    @Test(arguments: expected.keys.sorted())
    func exactDiagnostics(_ template: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture(template))))
        let error = #expect(throws: DocFillError.self) { try DocumentTemplate(bytes: bytes, file: template) }
        #expect(error?.diagnostics.map(\.description) == Self.expected[template])
    }
}
