import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// The JSON API against the CLI: the same bytes, the same diagnostics, the same codes.
@Suite struct APITests {
    static let yaml: HTTPFields = [.contentType: "application/yaml"]

    @Test func templatesAreListedWithTheirModel() async throws {
        try await ServerTest.withApp { client, _ in
            try await client.execute(uri: "/api/templates", method: .get) { response in
                #expect(response.status == .ok)
                let list = try ServerTest.json(response.body)["templates"]?.items ?? []
                let byName = Dictionary(uniqueKeysWithValues: list.map { ($0["name"]?.string ?? "", $0) })
                #expect(byName["bao-cao-dang-uy.docx"]?["model"]?.string == "official-report:party")
                #expect(byName["bao-cao-ubnd.odt"]?["format"]?.string == "odt")
                #expect(byName["invoice.docx"]?["model"] == .null)
            }
        }
    }

    @Test(arguments: [("bao-cao-dang-uy.docx", "Templates/bao-cao-dang-uy.docx"), ("invoice.odt", "Examples/invoice/invoice.odt")])
    func schemaIsTheCLIs(name: String, path: String) async throws {
        try await ServerTest.withApp { client, folder in
            let cli = try ServerTest.docfill(["schema", path], in: folder)
            #expect(cli.status == 0)
            try await client.execute(uri: "/api/templates/\(name)/schema", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == cli.stdout)
            }
        }
    }

    @Test(arguments: [("invoice.docx", "Examples/invoice/invoice.docx", "Examples/invoice/invoice.yaml"),
                      ("bao-cao-dang-uy.docx", "Templates/bao-cao-dang-uy.docx", "Samples/pho-hoa-2023.yaml"),
                      ("bao-cao-ubnd.odt", "Templates/bao-cao-ubnd.odt", "Samples/ubnd-pho-hoa-2025.yaml")])
    func renderGivesTheCLIsBytes(name: String, template: String, data: String) async throws {
        try await ServerTest.withApp { client, folder in
            let out = folder.appendingPathComponent("cli-out." + (name as NSString).pathExtension)
            let cli = try ServerTest.docfill(["render", template, data, "-o", out.path], in: folder)
            #expect(cli.status == 0, "\(cli.stderr)")
            let body = try ServerTest.body(folder.appendingPathComponent(data))
            let expected = try Data(contentsOf: out)
            try await client.execute(uri: "/api/render?template=\(name)", method: .post, headers: Self.yaml, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == Self.mediaTypes[(name as NSString).pathExtension])
                #expect(Data(buffer: response.body) == expected)
            }
        }
    }

    static let mediaTypes = ["docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "odt": "application/vnd.oasis.opendocument.text"]

    @Test func checkGivesTheCLIsDiagnostics() async throws {
        try await ServerTest.withApp { client, folder in
            let data = folder.appendingPathComponent("Samples/pho-hoa-2023.yaml")
            let cli = try ServerTest.docfill(["check", "Templates/bao-cao-dang-uy.docx", "-"], in: folder, stdin: try Data(contentsOf: data))
            #expect(cli.status == 0)
            let cliLines = String(decoding: cli.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(cliLines.contains { $0.contains("warning[total_mismatch]") })
            try await client.execute(uri: "/api/check?template=bao-cao-dang-uy.docx", method: .post, headers: Self.yaml,
                                     body: try ServerTest.body(data)) { response in
                #expect(response.status == .ok)
                let json = try ServerTest.json(response.body)
                #expect(json["ok"] == .bool(true))
                let lines = (json["diagnostics"]?.items ?? []).compactMap { $0["line_text"]?.string }
                #expect(lines.map { $0.replacingOccurrences(of: "<request>", with: "<stdin>") } == cliLines)
                let mismatch = json["diagnostics"]?.items.first { $0["code"]?.string == "total_mismatch" }
                #expect(mismatch?["path"]?.string == "appendices[5].stated_total.cells[0]")
            }
        }
    }

    @Test func aCheckWithErrorsIsNotOK() async throws {
        try await ServerTest.withApp { client, folder in
            // The State report in the Party template: the CLI's kind_mismatch, and exit status 1.
            let data = folder.appendingPathComponent("Samples/ubnd-pho-hoa-2025.yaml")
            let cli = try ServerTest.docfill(["check", "Templates/bao-cao-dang-uy.docx", "-"], in: folder, stdin: try Data(contentsOf: data))
            #expect(cli.status == 1)
            try await client.execute(uri: "/api/check?template=bao-cao-dang-uy.docx", method: .post, headers: Self.yaml,
                                     body: try ServerTest.body(data)) { response in
                let json = try ServerTest.json(response.body)
                #expect(json["ok"] == .bool(false))
                let lines = (json["diagnostics"]?.items ?? []).compactMap { $0["line_text"]?.string }
                #expect(lines.joined(separator: "\n") + "\n"
                        == String(decoding: cli.stdout, as: UTF8.self).replacingOccurrences(of: "<stdin>", with: "<request>"))
                #expect(lines.first?.contains("error[kind_mismatch]") == true)
            }
            // A render of it is refused with the same diagnostics, as JSON.
            try await client.execute(uri: "/api/render?template=bao-cao-dang-uy.docx", method: .post, headers: Self.yaml,
                                     body: try ServerTest.body(data)) { response in
                #expect(response.status == .unprocessableContent)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "kind_mismatch")
            }
        }
    }

    @Test func wrongMediaTypesAreRefused() async throws {
        try await ServerTest.withApp { client, folder in
            let body = try ServerTest.body(folder.appendingPathComponent("Examples/invoice/invoice.yaml"))
            try await client.execute(uri: "/api/render?template=invoice.docx", method: .post,
                                     headers: [.contentType: "text/plain"], body: body) { response in
                #expect(response.status == .unsupportedMediaType)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "unsupported_media_type")
            }
            try await client.execute(uri: "/api/render?template=invoice.docx", method: .post,
                                     headers: [.contentType: "application/yaml", .accept: "application/vnd.oasis.opendocument.text"],
                                     body: body) { response in
                #expect(response.status == .notAcceptable)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "not_acceptable")
            }
            try await client.execute(uri: "/api/render", method: .post, headers: Self.yaml, body: body) { response in
                #expect(response.status == .badRequest)
                let code = try ServerTest.errorCode(response.body)
                #expect(code == "missing_parameter")
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesTheRoutesAndItsReferencesResolve() async throws {
        try await ServerTest.withApp { client, _ in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
                let document = try DataLoader.loadYAML(String(buffer: response.body), file: "openapi.yaml")
                #expect(document["openapi"] == .string("3.1.0"))
                guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
                #expect(Set(paths.keys) == ["/api/templates", "/api/templates/{name}/schema", "/api/render", "/api/check"])
                var references: [String] = []
                func collect(_ value: Value) {
                    switch value {
                    case .object(let o):
                        if case .string(let ref)? = o["$ref"] { references.append(ref) }
                        o.values.forEach(collect)
                    case .array(let a): a.forEach(collect)
                    default: break
                    }
                }
                collect(document)
                #expect(references.count > 20)
                for ref in references {
                    var node: Value? = document
                    for step in ref.dropFirst(2).split(separator: "/") { node = node?[String(step)] }
                    #expect(node != nil, "\(ref) does not resolve")
                }
            }
        }
    }
}
