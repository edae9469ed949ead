import Foundation
import Testing
@testable import DocFill

/// `docfill check`: every problem at once, nothing written, exit 0 only without errors.
struct CheckTests {
    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func reportsMissingNamesWrongKindSectionsAndUnusedKeys() throws {
        let dir = TestPaths.scratch()
        let data = try Self.write(#"{"items": ["Apple", "Pear"], "total": 5, "notes": {"a": 1}}"#, "data.json", in: dir)
        let r = try CLITests.docfill(["check", "Tests/DocFillTests/Fixtures/row-loop.docx", data])
        let t = "Tests/DocFillTests/Fixtures/row-loop.docx:word/document.xml"
        #expect(r.status == 1)
        #expect(r.stdout == """
            \(t):2:6085 (table 1, row 3, cell 2, "{{name}}", item items[0]): error[unknown_name]: '{{name}}': no 'name' in the data
            \(t):2:6582 (table 1, row 3, cell 3, "{{qty}}", item items[0]): error[unknown_name]: '{{qty}}': no 'qty' in the data
            \(t):2:7078 (table 1, row 3, cell 4, "{{price}}{{/items}}", item items[0]): error[unknown_name]: '{{price}}': no 'price' in the data
            \(t):2:8588 (table 1, row 4, cell 3, "{{total_qty}}"): error[unknown_name]: '{{total_qty}}': no 'total_qty' in the data
            \(t):2:5575 (table 1, row 3, cell 1, "{{#items}}{{@number}}"): error[section_kind]: '{{#items}}' goes over a list of strings (data 'items[]'), but its body reads 'name' from it; give 'items' an object or a list of objects, or read the value with '{{.}}'
            \(data): warning[unused_key]: 'notes' is in the data but no tag reads it
            \(data): warning[unused_key]: 'total' is in the data but no tag reads it

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["data.json"])
    }

    @Test func warningsAloneExitZero() throws {
        let dir = TestPaths.scratch()
        let data = try Self.write("""
            {"items": [{"name": "Apple", "qty": 3, "price": "1.50", "colour": "red"},
                       {"name": "Pear", "qty": 2, "price": "0.80"}], "total_qty": 5}
            """, "data.json", in: dir)
        let r = try CLITests.docfill(["check", TestPaths.fixture("row-loop.odt"), data])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout == "\(data): warning[unused_key]: 'items[].colour' is in the data but no tag reads it\n")
        let clean = try CLITests.docfill(["check", TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json")])
        #expect(clean.status == 0 && clean.stdout.isEmpty, "\(clean.stdout)")
    }

    @Test func sectionOverAStringInATextTemplate() throws {
        let dir = TestPaths.scratch()
        let template = try Self.write("{{#customer}}{{name}} ({{city}}){{/customer}}\n{{#flag}}on{{/flag}}\n", "t.txt", in: dir)
        let data = try Self.write("customer: Nguyễn Văn An\nflag: yes\n", "d.yaml", in: dir)
        let r = try CLITests.docfill(["check", template, data])
        #expect(r.status == 1)
        #expect(r.stdout == """
            \(template):1:14: error[unknown_name]: '{{name}}': no 'name' in the data
            \(template):1:24: error[unknown_name]: '{{city}}': no 'city' in the data
            \(template):1:1: error[section_kind]: '{{#customer}}' goes over a string (data 'customer'), but its body reads 'city' from it; give 'customer' an object or a list of objects, or read the value with '{{.}}'

            """)
    }

    /// The seed's stated total contradicts its rows: a finding naming the appendix table and
    /// its row, a warning (the rendered total is computed), so the check still passes.
    @Test func seedTotalMismatchIsAFindingWithTableAndRow() throws {
        let dir = TestPaths.scratch()
        let template = try Self.write("{{subject}}\n{{#appendices}}{{title}}\n{{/appendices}}", "t.txt", in: dir)
        let r = try CLITests.docfill(["check", template, "Samples/pho-hoa-2023.yaml", "--model", "official-report"])
        #expect(r.status == 0, "\(r.stdout)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let mismatch = lines.filter { $0.contains("warning[total_mismatch]") }
        #expect(mismatch.count == 1, "\(r.stdout)")
        // Placed at the value's line and column in the data file.
        #expect(mismatch.first?.hasPrefix("Samples/pho-hoa-2023.yaml:502:48: warning[total_mismatch]: appendices[5].stated_total.cells[0]: appendix 6 ") == true)
        #expect(mismatch.first?.contains(#"row "Tổng cộng""#) == true)
        #expect(mismatch.first?.contains("stated 15 but the rows add up to 32 (7 + 25)") == true)
        #expect(!lines.contains { $0.contains("error[") }, "\(r.stdout)")
    }

    @Test func modelReportsKeysItDoesNotKnow() throws {
        let dir = TestPaths.scratch()
        var seed = try String(contentsOfFile: "\(TestPaths.repo.path)/Samples/pho-hoa-2023.yaml", encoding: .utf8)
        seed += "\nsubjet: typo\n"
        let data = try Self.write(seed, "report.yaml", in: dir)
        let template = try Self.write("{{subject}}\n", "t.txt", in: dir)
        let r = try CLITests.docfill(["check", template, data, "--model", "official-report"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("\(data): warning[unused_key]: 'subjet' is not a key of the official report model; it is ignored"), "\(r.stdout)")
    }
}
