import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// The pages without a browser: language, the form's messages, saving (a file that extends
/// another stays a patch), the stale form.
@Suite struct PageTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The page at `uri`, its HTML and the CSRF cookie set for it.
    static func page(_ client: TestClient, _ uri: String, headers: HTTPFields = [:]) async throws -> (html: String, csrf: String) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(uri)")
            let cookie = response.headers[.setCookie] ?? ""
            let csrf = cookie.firstMatch(of: /docfill_csrf=([0-9a-f]{32})/).map { String($0.1) } ?? ""
            return (String(buffer: response.body), csrf)
        }
    }

    /// The value of the hidden field `name` in `html`.
    static func hidden(_ html: String, _ name: String) -> String? {
        html.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\"")).map { String($0.output[1].substring ?? "") }
    }

    static func encode(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&"))
    }

    @Test func pagesAreVietnameseUnlessTheBrowserPrefersEnglish() async throws {
        try await ServerTest.withApp { client, _ in
            let vi = try await Self.page(client, "/")
            #expect(vi.html.contains("<html lang=\"vi\">") && vi.html.contains("<h1>Thư mục làm việc</h1>"))
            let en = try await Self.page(client, "/", headers: [.acceptLanguage: "en-US,en;q=0.9,vi;q=0.5"])
            #expect(en.html.contains("<html lang=\"en\">") && en.html.contains("<h1>Workspace</h1>"))
        }
    }

    @Test func theFormShowsCheckMessagesNextToTheirFields() async throws {
        try await ServerTest.withApp { client, _ in
            let (html, _) = try await Self.page(client, "/data/pho-hoa-2023.yaml")
            #expect(html.contains("<strong id=\"template-name\">bao-cao-dang-uy.docx</strong>"))
            // The stated total's cell, then its message, in the appendix table.
            let cell = try #require(html.range(of: "id=\"f-appendices-5--stated_total-cells-0-\""))
            let after = html[cell.upperBound...].prefix(2000)
            #expect(after.contains("data-code=\"total_mismatch\""))
            #expect(html.contains("<li class=\"warning\" data-code=\"total_mismatch\">"))
        }
    }

    @Test func anAppendixTablesHeaderLinesUpWithItsRows() async throws {
        try await ServerTest.withApp { client, _ in
            let (html, _) = try await Self.page(client, "/data/pho-hoa-2023.yaml")
            // Phụ lục 1: the header's first cell is the label column's ("TT"); one cell beside the
            // header rows stands over the remove buttons.
            let table = try #require(html.range(of: "<table class=\"grid\" id=\"f-appendices-0--rows\">"))
            let head = String(html[table.upperBound...].prefix(600))
            #expect(head.contains("<thead><tr><th colspan=\"1\" rowspan=\"1\">TT</th>"))
            #expect(head.contains("Cơ quan ban hành</th><th rowspan=\"1\"></th></tr></thead>"))
            // Three header rows: the buttons' cell spans them all.
            let wide = try #require(html.range(of: "<table class=\"grid\" id=\"f-appendices-2--rows\">"))
            let wideHead = String(html[wide.upperBound...].prefix(5000))
            #expect(wideHead.hasPrefix("\n    <thead><tr><th colspan=\"1\" rowspan=\"3\">Giai đoạn</th>"))
            #expect(wideHead.components(separatedBy: "<th rowspan=\"3\"></th>").count == 2)
        }
    }

    @Test func savingAFileThatExtendsAnotherKeepsItAPatch() async throws {
        try await ServerTest.withApp { client, folder in
            let file = folder.appendingPathComponent("Samples/pho-hoa-2024.yaml")
            let before = try String(contentsOf: file, encoding: .utf8)
            let (html, csrf) = try await Self.page(client, "/data/pho-hoa-2024.yaml")
            let version = try #require(Self.hidden(html, "_version"))
            let body = Self.encode([("_csrf", csrf), ("_version", version), ("_template", "bao-cao-dang-uy.docx"),
                                    ("number", "13"), ("place", "Phổ Hòa"), ("action", "save")])
            try await client.execute(uri: "/data/pho-hoa-2024.yaml", method: .post,
                                     headers: Self.form.merging([.cookie: "docfill_csrf=\(csrf)"]), body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/data/pho-hoa-2024.yaml?template=bao-cao-dang-uy.docx&saved=1")
            }
            let after = try String(contentsOf: file, encoding: .utf8)
            #expect(after.contains("extends: \"pho-hoa-2023.yaml\"") || after.contains("extends: pho-hoa-2023.yaml"))
            #expect(after.contains("number: \"13\""))
            // Only what differs from the base: the place is the base's, so it is not written.
            #expect(!after.contains("place:"))
            #expect(after.count < before.count * 2)
            let loaded = try DataLoader.load(contentsOf: file.path)
            #expect(loaded["number"] == .string("13"))
        }
    }

    @Test func aStaleFormIsRefusedAndTheOtherEditKept() async throws {
        try await ServerTest.withApp { client, folder in
            let (html, csrf) = try await Self.page(client, "/data/invoice.yaml")
            let version = try #require(Self.hidden(html, "_version"))
            let headers = Self.form.merging([.cookie: "docfill_csrf=\(csrf)"])
            for (name, status) in [("Nguyễn Văn A", HTTPResponse.Status.seeOther), ("Nguyễn Văn B", .conflict)] {
                let body = Self.encode([("_csrf", csrf), ("_version", version), ("customer.name", name), ("action", "save")])
                try await client.execute(uri: "/data/invoice.yaml", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == status, "\(name)")
                    if status == .conflict {
                        let page = String(buffer: response.body)
                        #expect(page.contains("class=\"banner stale\""))
                        #expect(page.contains("value=\"Nguyễn Văn B\""))
                    }
                }
            }
            let saved = try DataLoader.load(contentsOf: folder.appendingPathComponent("Examples/invoice/invoice.yaml").path)
            #expect(saved["customer"]?["name"] == .string("Nguyễn Văn A"))
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var all = self
        for field in other { all.append(field) }
        return all
    }
}
