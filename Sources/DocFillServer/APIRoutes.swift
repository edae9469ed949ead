import DocFill
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// The JSON API for other systems, described by `/openapi.yaml`: render, check, the template
/// list and a template's schema. Errors are `{"error": {"code", "status", "diagnostics"}}`,
/// the diagnostics the CLI prints, in fields.
struct APIRoutes: Sendable {
    let state: ServerState
    /// The warm LibreOffice a PDF is converted by (the pages' previews share it).
    let previews: PreviewStore
    var service: RenderService { RenderService(state: state) }

    func add(to router: Router<ServerContext>) {
        router.get("/api/templates") { _, _ in try self.templates() }
        router.get("/api/templates/:name/schema") { _, context in
            try await self.schema(context.parameters.require("name"), model: nil)
        }
        router.post("/api/render") { request, context in try await self.render(request, context) }
        router.post("/api/check") { request, context in try await self.check(request, context) }
        router.get("/openapi.yaml") { _, _ in try Self.openAPI() }
    }

    /// Every API handler's errors as JSON.
    static func answering(_ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch { return ServerError.from(error).response }
    }

    func templates() throws -> Response {
        // A template that does not compile is still listed, with its first problem.
        let list = state.workspace.templates().map { entry -> Value in
            var o: [String: Value] = ["name": .string(entry.id), "format": .string(entry.format),
                                      "model": entry.model.map(Value.string) ?? .null]
            if let problem = entry.problem { o["error"] = DiagnosticJSON.value(problem) }
            return .object(o)
        }
        return JSONResponse.make(.object(["templates": .array(list)]))
    }

    func schema(_ rawName: String, model: String?) async throws -> Response {
        let name = try PathName.decode(rawName)
        return JSONResponse.make(try await service.schema(template: name, model: try service.modelChoice(model)))
    }

    func render(_ request: Request, _ context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let name = try required(query.get("template"), "template")
        let template = try state.template(name)
        let pdf = try Negotiation.wantsPDF(accept: request.headers[.accept], format: template.format)
        let posted = try PostedData(try await body(request))
        defer { posted.remove() }
        let result = try await posted.renaming {
            try await service.render(template: name, RenderService.Request(
                data: posted.source, model: try service.modelChoice(query.get("model")),
                draft: flag(query.get("draft")), lenient: flag(query.get("lenient")), pictures: state.workspace.root))
        }
        // A PDF is the document converted by the warm LibreOffice, as the pages' downloads are:
        // no office started per request.
        let document = pdf ? try await previews.pdf(of: result.document, format: template.format) : result.document
        var headers: HTTPFields = [.contentType: pdf ? Negotiation.pdfType : Negotiation.mediaType(template.format)]
        headers[.contentDisposition] = "attachment; filename=\"\(Negotiation.downloadName(name, pdf: pdf))\""
        headers[HTTPField.Name("DocFill-Warnings")!] = String(result.warnings.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: document)))
    }

    func check(_ request: Request, _ context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let name = try required(query.get("template"), "template")
        let posted: PostedData
        do { posted = try PostedData(try await body(request)) } catch let error as DocFillError {
            return Self.checkResult(error.diagnostics, hint: nil)
        }
        defer { posted.remove() }
        let (diagnostics, hint) = try await posted.renaming {
            try await service.check(template: name, RenderService.Request(
                data: posted.source, model: try service.modelChoice(query.get("model")), draft: flag(query.get("draft"))))
        }
        return Self.checkResult(posted.rename(diagnostics), hint: hint)
    }

    /// `{"ok": no error among them, "diagnostics": [...], "hint": the CLI's hint line or null}`.
    static func checkResult(_ diagnostics: [Diagnostic], hint: String?) -> Response {
        JSONResponse.make(.object(["ok": .bool(!diagnostics.contains { $0.severity == .error }),
                                   "diagnostics": .array(diagnostics.map(DiagnosticJSON.value)),
                                   "hint": hint.map(Value.string) ?? .null]))
    }

    /// The request body as data: JSON or YAML by Content-Type, at most the data limit
    /// (`data_too_large`, 413, the CLI's code for a data file over its limit).
    func body(_ request: Request) async throws -> RenderService.RequestData {
        let format = try Negotiation.dataFormat(contentType: request.headers[.contentType])
        let limit = state.configuration.limits.maxDataBytes
        let buffer = try await BodyReader.collect(request, limit: limit,
                                                   tooLarge: ServerError(.contentTooLarge, "data_too_large", "the data is larger than \(limit) bytes"))
        return RenderService.RequestData(bytes: Data(buffer: buffer), format: format)
    }

    func required(_ value: String?, _ key: String) throws -> String {
        guard let value, !value.isEmpty else {
            throw ServerError(.badRequest, "missing_parameter", "the query parameter '\(key)' is required")
        }
        return value
    }

    func flag(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["", "1", "true", "yes"].contains(value.lowercased())
    }

    /// The OpenAPI document, as written in the repository (`Resources/openapi.yaml`).
    static func openAPI() throws -> Response {
        let bytes = try Resources.bytes("openapi.yaml")
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Path segments: Hummingbird hands them over still percent-encoded. Decoded here once, so
/// `%2e%2e` is `..` before the workspace refuses it, and a Vietnamese name reaches it as text.
enum PathName {
    static func decode(_ raw: String) throws -> String {
        guard let decoded = raw.removingPercentEncoding else {
            throw ServerError(.badRequest, "invalid_name", "'\(shortName(raw))' is not a valid percent-encoded name")
        }
        return decoded.precomposedStringWithCanonicalMapping
    }
}
