import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// Hostile input is refused as the CLI refuses it; names never reach outside the workspace;
/// beyond loopback every request needs the token.
@Suite struct SafetyTests {
    static let yaml: HTTPFields = [.contentType: "application/yaml"]
    static let json: HTTPFields = [.contentType: "application/json"]

    /// Hostile data: each is refused by `/api/check` with the code `docfill check -` gives it.
    static let hostileData: [(String, HTTPFields, [UInt8])] = [
        ("deep", json, Array(String(repeating: "[", count: 600).utf8) + Array(String(repeating: "]", count: 600).utf8)),
        ("duplicate", yaml, Array("a: 1\na: 2\n".utf8)),
        ("utf8", yaml, [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]),
        ("syntax", json, Array("{\"a\": [1, 2}".utf8)),
        ("aliases", yaml, Array(SafetyTests.aliasBomb.utf8)),
        ("zip", yaml, [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40)),
        ("pdf", yaml, Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8)),
    ]

    static let aliasBomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test(arguments: hostileData.map(\.0))
    func hostileDataIsRefusedWithTheCLIsCode(name: String) async throws {
        let (_, headers, bytes) = Self.hostileData.first { $0.0 == name }!
        try await ServerTest.withApp { client, folder in
            let cli = try ServerTest.docfill(["check", "Examples/invoice/invoice.docx", "-"], in: folder, stdin: Data(bytes))
            #expect(cli.status == 1)
            let cliCode = String(decoding: cli.stdout, as: UTF8.self).firstMatch(of: /error\[([a-z0-9_]+)\]/).map { String($0.1) }
            #expect(cliCode != nil)
            try await client.execute(uri: "/api/check?template=invoice.docx", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: bytes)) { response in
                let diagnostics = try ServerTest.json(response.body)["diagnostics"]?.items ?? []
                #expect(diagnostics.first?["code"]?.string == cliCode)
            }
            try await client.execute(uri: "/api/render?template=invoice.docx", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: bytes)) { response in
                #expect(response.status == .unprocessableContent)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == cliCode)
            }
        }
    }

    @Test func hostileTemplatesAreRefusedWithTheCLIsCode() async throws {
        try await ServerTest.withApp { client, folder in
            try Data("not a zip at all".utf8).write(to: folder.appendingPathComponent("Templates/broken.docx"))
            try FileManager.default.copyItem(at: ServerTest.repo.appendingPathComponent("Tests/DocFillTests/Fixtures/error-tag-in-tag.docx"),
                                             to: folder.appendingPathComponent("Templates/tag-in-tag.docx"))
            for (name, path) in [("broken.docx", "Templates/broken.docx"), ("tag-in-tag.docx", "Templates/tag-in-tag.docx")] {
                let cli = try ServerTest.docfill(["schema", path], in: folder)
                #expect(cli.status == 1)
                try await client.execute(uri: "/api/templates/\(name)/schema", method: .get) { response in
                    #expect(response.status == .unprocessableContent)
                    let lines = (try ServerTest.json(response.body)["error"]?["diagnostics"]?.items ?? []).compactMap { $0["line_text"]?.string }
                    #expect(lines.map { $0.replacingOccurrences(of: folder.path + "/", with: "") }.joined(separator: "\n") + "\n"
                            == cli.stderr.replacingOccurrences(of: folder.path + "/", with: ""))
                }
            }
        }
    }

    @Test func picturesOutsideTheWorkspaceAreRefused() async throws {
        try await ServerTest.withApp { client, folder in
            try FileManager.default.copyItem(at: ServerTest.repo.appendingPathComponent("Tests/DocFillTests/Fixtures/images.docx"),
                                             to: folder.appendingPathComponent("Templates/images.docx"))
            var data = try DataLoader.load(contentsOf: ServerTest.repo.appendingPathComponent("Tests/DocFillTests/Fixtures/images.json").path)
            guard case .object(var object) = data else { Issue.record("images.json is not an object"); return }
            for (key, value) in object where value.string != nil { object[key] = .string("/etc/hostname") }
            data = .object(object)
            try await client.execute(uri: "/api/render?template=images.docx", method: .post, headers: Self.json,
                                     body: ByteBuffer(bytes: data.jsonBytes())) { response in
                #expect(response.status == .unprocessableContent)
                let codes = (try ServerTest.json(response.body)["error"]?["diagnostics"]?.items ?? []).compactMap { $0["code"]?.string }
                #expect(codes.contains("image_outside_root"))
            }
        }
    }

    @Test(arguments: ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2E%2E%2FTemplates%2Fbao-cao-dang-uy.docx", "%2Fetc%2Fpasswd",
                      ".hidden.docx", "a%5Cb.docx", "x%00.docx"])
    func traversalInThePathIsRefused(name: String) async throws {
        try await ServerTest.withApp { client, _ in
            try await client.execute(uri: "/api/templates/\(name)/schema", method: .get) { response in
                #expect(response.status == .badRequest)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "invalid_id")
            }
        }
    }

    @Test(arguments: ["../Templates/bao-cao-dang-uy.docx", "/etc/passwd", "%2e%2e%2fTemplates%2fbao-cao-dang-uy.docx",
                      "Templates/bao-cao-dang-uy.docx"])
    func traversalInTheQueryIsRefused(name: String) async throws {
        try await ServerTest.withApp { client, folder in
            try await client.execute(uri: "/api/render?template=\(name)", method: .post, headers: Self.yaml,
                                     body: try ServerTest.body(folder.appendingPathComponent("Examples/invoice/invoice.yaml"))) { response in
                #expect(response.status == .badRequest)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "invalid_id")
            }
        }
    }

    @Test func aLinkOutOfTheWorkspaceIsNotFollowed() async throws {
        try await ServerTest.withApp { client, folder in
            let outside = folder.deletingLastPathComponent().appendingPathComponent("outside.docx")
            try FileManager.default.copyItem(at: folder.appendingPathComponent("Examples/invoice/invoice.docx"), to: outside)
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("Templates/link.docx"), withDestinationURL: outside)
            try await client.execute(uri: "/api/templates/link.docx/schema", method: .get) { response in
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "outside_workspace")
            }
        }
    }

    @Test func bodiesOverTheLimitAreRefused() async throws {
        var limits = ServerLimits()
        limits.maxDataBytes = 1000
        try await ServerTest.withApp(limits: limits) { client, _ in
            let big = ByteBuffer(bytes: Array("a: \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000) + Array("\"\n".utf8))
            try await client.execute(uri: "/api/render?template=invoice.docx", method: .post, headers: Self.yaml, body: big) { response in
                #expect(response.status == .contentTooLarge)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "data_too_large")
            }
        }
    }

    static let token = "s3cret-token-0123456789"

    @Test func beyondLoopbackEveryRequestNeedsTheToken() async throws {
        try await ServerTest.withApp(token: Self.token, host: "0.0.0.0") { client, _ in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong-token-0123456789"], [.authorization: Self.token]] {
                for uri in ["/api/templates", "/", "/openapi.yaml", "/static/app.css"] {
                    try await client.execute(uri: uri, method: .get, headers: headers) { response in
                        #expect(response.status == .unauthorized, "\(uri)")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer")
                        let code = try ServerTest.errorCode(response.body)
                        #expect(code == "unauthorized")
                    }
                }
            }
            try await client.execute(uri: "/api/templates", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) { response in
                #expect(response.status == .ok)
            }
            // A browser: the token once in the address, then the cookie.
            try await client.execute(uri: "/?token=\(Self.token)", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
                #expect(response.headers[.setCookie]?.hasPrefix("docfill_token=\(Self.token);") == true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "docfill_token=\(Self.token)"]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func anotherHostWithoutATokenDoesNotStart() throws {
        let configuration = ServerConfiguration(workspace: URL(fileURLWithPath: "/tmp"), host: "0.0.0.0")
        #expect(throws: DocFillError.self) { try configuration.validate() }
        do { try configuration.validate() } catch let error as DocFillError {
            #expect(error.description == "error[token_required]: --host 0.0.0.0 makes the workspace reachable from other machines; give --token or --token-file")
        }
        #expect(ServerConfiguration.isLoopback("127.0.0.1") && ServerConfiguration.isLoopback("::1") && ServerConfiguration.isLoopback("localhost"))
        #expect(!ServerConfiguration.isLoopback("0.0.0.0") && !ServerConfiguration.isLoopback("192.168.1.2"))
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await ServerTest.withApp { client, _ in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/language", method: .post, headers: form, body: ByteBuffer(string: "lang=en")) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("csrf_failed"))
            }
            var headers = form
            headers[.cookie] = "docfill_csrf=0123456789abcdef0123456789abcdef"
            try await client.execute(uri: "/language", method: .post, headers: headers,
                                     body: ByteBuffer(string: "lang=en&_csrf=ffffffffffffffffffffffffffffffff")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/language", method: .post, headers: headers,
                                     body: ByteBuffer(string: "lang=en&back=%2F&_csrf=0123456789abcdef0123456789abcdef")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.setCookie]?.hasPrefix("docfill_lang=en;") == true)
            }
        }
    }
}
