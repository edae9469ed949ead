import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// A data file whose top level is a list (the letter's records for `docfill batch`): a list
/// editor whose items follow the template's schema, saved back as a list.
@Suite struct ListFormTests {
    static let file = "members.yaml"

    /// The records as saved.
    static func records(_ folder: URL) throws -> [Value] {
        try DataLoader.load(contentsOf: folder.appendingPathComponent("Examples/letter/\(Self.file)").path).items
    }

    /// Posts the form with `fields` and the button `action`; expects the redirect back.
    static func post(_ client: TestClient, _ fields: [(String, String)], action: String) async throws {
        let (html, csrf) = try await PageTests.page(client, "/data/\(Self.file)")
        let version = try #require(PageTests.hidden(html, "_version"))
        let body = PageTests.encode([("_csrf", csrf), ("_version", version), ("_template", "letter.docx")] + fields + [("action", action)])
        try await client.execute(uri: "/data/\(Self.file)", method: .post,
                                 headers: PageTests.form.merging([.cookie: "docfill_csrf=\(csrf)"]), body: body) { response in
            #expect(response.status == .seeOther, "\(action)")
        }
    }

    @Test func eachRecordIsEditedByTheTemplatesSchema() async throws {
        try await ServerTest.withApp { client, folder in
            let count = try Self.records(folder).count
            #expect(count >= 3)
            let (html, _) = try await PageTests.page(client, "/data/\(Self.file)")
            #expect(html.contains("<strong id=\"template-name\">letter.docx</strong>"))
            // A heading per record, with its buttons, and the record's fields by data path.
            #expect(html.contains("<h3 id=\"f--0-\">Mục 1</h3>"))
            #expect(html.contains("<h3 id=\"f--\(count - 1)-\">Mục \(count)</h3>"))
            #expect(html.contains("name=\"[0].name\" id=\"f--0--name\" value=\"Lê Minh Đức\""))
            #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"up:[1]\">"))
            #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"remove:[0]\">"))
            #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"add:\">"))
            // A nested list of objects (`books.list`, by its `$ref`) is a list too.
            #expect(html.contains("name=\"[0].books.list[1].title\""))
        }
    }

    @Test func eachRecordIsCheckedAsOneDocumentAndItsFindingsPlacedUnderIt() async throws {
        try await ServerTest.withApp { client, folder in
            let (complete, _) = try await PageTests.page(client, "/data/\(Self.file)")
            // Not the whole list as one document's data: no name is missing.
            #expect(!complete.contains("data-code=\"unknown_name\""))
            let data = folder.appendingPathComponent("Examples/letter/\(Self.file)")
            let text = try String(contentsOf: data, encoding: .utf8)
            try text.replacingOccurrences(of: "- card: \"0107\"\n  salutation: Chị\n", with: "- card: \"0107\"\n")
                .write(to: data, atomically: true, encoding: .utf8)
            let (html, _) = try await PageTests.page(client, "/data/\(Self.file)")
            let field = try #require(html.range(of: "name=\"[1].salutation\" id=\"f--1--salutation\" value=\"\""))
            #expect(html[field.upperBound...].prefix(400).contains("<p class=\"note error\" data-code=\"unknown_name\">Mục 2: "))
            #expect(html.contains("<li class=\"error\" data-code=\"unknown_name\"><code>unknown_name</code> <a href=\"#f--1--salutation\">Mục 2: "))
        }
    }

    @Test func recordsAreEditedAddedMovedAndRemovedAndTheFileStaysAList() async throws {
        try await ServerTest.withApp { client, folder in
            let original = try Self.records(folder)
            try await Self.post(client, [("[1].name", "Đặng Thùy Trâm B")], action: "save")
            var saved = try Self.records(folder)
            #expect(saved.count == original.count)
            #expect(saved[1]["name"] == .string("Đặng Thùy Trâm B"))
            #expect(saved[0] == original[0])

            try await Self.post(client, [], action: "up:[1]")
            saved = try Self.records(folder)
            #expect(saved[0]["name"] == .string("Đặng Thùy Trâm B"))
            #expect(saved[1]["name"] == original[0]["name"])

            try await Self.post(client, [], action: "add:")
            saved = try Self.records(folder)
            #expect(saved.count == original.count + 1)
            // The new record is shaped like the last one, its texts empty.
            #expect(saved.last?["name"] == .string(""))
            #expect(saved.last?["card"] == .string(""))

            try await Self.post(client, [], action: "remove:[0]")
            saved = try Self.records(folder)
            #expect(saved.count == original.count)
            #expect(saved[0]["name"] == original[0]["name"])
        }
    }

    @Test func anEmptyListsFirstRecordIsShapedByTheSchema() async throws {
        try await ServerTest.withApp { client, folder in
            try "[]\n".write(to: folder.appendingPathComponent("Examples/letter/\(Self.file)"), atomically: true, encoding: .utf8)
            try await Self.post(client, [], action: "add:")
            let saved = try Self.records(folder)
            #expect(saved.count == 1)
            // A record with the template's fields, empty — not a bare text.
            guard case .object(let record)? = saved.first else { Issue.record("not a record: \(saved)"); return }
            #expect(record["name"] == .string("") && record["card"] == .string("") && record["salutation"] == .string(""))
            // A section that may be an object or a list (the inferred schema allows both) is
            // an object with its fields, empty.
            #expect(record["books"]?["deadline"] == .string("") && record["books"]?["count"] == .string(""))
        }
    }
}
