import DocFill
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import OfficialReport

/// What a data file's page leads to: its document (downloads as DOCX, ODT, PDF), the page
/// images of the preview, next year's file, and what changed against the file it extends.
struct DocumentPages: Sendable {
    let state: ServerState
    let pages: PageRenderer
    let previews: PreviewStore
    var service: RenderService { RenderService(state: state) }

    func add(to router: Router<ServerContext>) {
        router.get("/data/:name/download/:format") { request, context in try await self.download(request, context) }
        router.get("/data/:name/preview") { request, context in try await self.preview(request, context) }
        router.get("/previews/:key/:page") { _, context in try await self.previewImage(context) }
        router.post("/data/:name/next-year") { request, context in try await self.nextYear(request, context) }
        router.get("/data/:name/diff") { request, context in try await self.diff(request, context) }
        router.post("/data/:name/check") { request, context in try await self.check(request, context) }
    }

    func name(_ context: ServerContext) throws -> String { try PathName.decode(try context.parameters.require("name")) }

    /// The template of the page (`?template=`, else the first the data goes with) in the
    /// format asked for: the template of the same name in that format (`bao-cao-dang-uy.odt`
    /// for ODT beside `.docx`), the page's own for PDF.
    func template(for id: String, _ request: Request, format: String? = nil) throws -> String {
        let asked = request.uri.queryParameters.get("template")
        let chosen = try DataPages(state: state, pages: pages).template(for: id, asked: asked).name
        guard let format, format != "pdf", (chosen as NSString).pathExtension != format else { return chosen }
        let sibling = (chosen as NSString).deletingPathExtension + "." + format
        _ = try state.template(sibling)
        return sibling
    }

    func download(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let format = try context.parameters.require("format")
        guard ["docx", "odt", "pdf"].contains(format) else { throw ServerError(.notFound, "not_found", "no such format: \(shortName(format))") }
        let templateName = try template(for: id, request, format: format)
        // A PDF is the document converted by the warm LibreOffice of the previews.
        let result = try await service.render(template: templateName, RenderService.Request(data: try state.workspace.dataSource(id)))
        let bytes = format == "pdf" ? try await previews.pdf(of: result.document, format: try state.template(templateName).format)
                                    : result.document
        let file = (id as NSString).deletingPathExtension + "." + format
        return Response(status: .ok, headers: [.contentType: format == "pdf" ? Negotiation.pdfType : Negotiation.documentTypes[format]!,
                                               .contentDisposition: "attachment; filename=\"\(Negotiation.downloadName(file, pdf: false))\""],
                        body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }

    func preview(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let templateName = try template(for: id, request)
        let rendered = try await service.render(template: templateName, RenderService.Request(data: try state.workspace.dataSource(id)))
        let (key, count) = try await previews.pages(of: rendered.document, format: try state.template(templateName).format)
        let images = (1...max(count, 1)).map { ["src": "/previews/\(key)/\($0).png", "number": $0] }
        return pages.page("preview", ["id": id, "href": PageRoutes.escapePath(id), "template": templateName,
                                      "templateHref": PageRoutes.escapePath(templateName), "count": count, "images": images],
                          request: request, context: context)
    }

    func previewImage(_ context: ServerContext) async throws -> Response {
        let key = try context.parameters.require("key")
        let page = try context.parameters.require("page")
        guard let bytes = try await previews.image(key: key, page: page) else { throw ServerError(.notFound, "not_found", "no such preview page") }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }

    /// Next year's data file, beside this one, then its form (its to-dos highlighted).
    func nextYear(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let form = try await FormFields.read(request, limit: 4096)
        try CSRFMiddleware.check(form, context: context)
        let newID = try await state.rendering { try self.state.nextYear(id) }
        var back = "/data/\(PageRoutes.escapePath(newID))?made=\(newID)"
        if let t = form.first("_template"), !t.isEmpty { back += "&template=\(PageRoutes.escapePath(t))" }
        return Response.redirect(to: back, type: .normal)
    }

    /// The document's text against the text of the document of the file it extends.
    func diff(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let file = try state.loadData(id)
        guard let baseID = file.extends else { throw ServerError(.notFound, "not_found", "\(id) extends no file") }
        let templateName = try template(for: id, request)
        let ext = (templateName as NSString).pathExtension
        // Drafts: next year's file holds to-dos, shown as [TODO] where they stand.
        let old = try await service.render(template: templateName, RenderService.Request(data: try state.workspace.dataSource(baseID), draft: true))
        let new = try await service.render(template: templateName, RenderService.Request(data: try state.workspace.dataSource(id), draft: true))
        let lines = try await state.rendering {
            let folder = try PrivateFolder()
            defer { folder.remove() }
            try old.document.write(to: URL(fileURLWithPath: folder.file("old." + ext)))
            try new.document.write(to: URL(fileURLWithPath: folder.file("new." + ext)))
            return TextDiff.unified(old: try DocumentText.lines(contentsOf: folder.file("old." + ext)),
                                    new: try DocumentText.lines(contentsOf: folder.file("new." + ext)),
                                    oldName: baseID, newName: id, context: 2)
        }
        let rows = lines.enumerated().map { (i, line) -> [String: Any] in
            ["text": line, "cls": i < 2 ? "" : line.hasPrefix("+") ? "add" : line.hasPrefix("-") ? "del" : ""]
        }
        return pages.page("diff", ["id": id, "href": PageRoutes.escapePath(id), "base": baseID, "lines": rows, "same": lines.isEmpty],
                          request: request, context: context)
    }

    /// The live check of the script: the form as it is now (not saved), checked as the CLI
    /// checks a file; JSON, the messages in the page's language.
    func check(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = try name(context)
        let form = try await FormFields.read(request, limit: state.configuration.limits.maxDataBytes)
        try CSRFMiddleware.check(form, context: context)
        let current = try state.loadData(id)
        let value = DataEdits.apply(form.dataFields, to: current.value)
        let templateName = try template(for: id, request)
        let checked = try await FormCheck.run(service, template: templateName, data: value, source: try state.editedSource(value, id))
        let language = Language.of(request)
        let item = pages.texts[language]["list_item"] ?? ""
        let list = checked.findings.map { finding -> Value in
            let d = finding.diagnostic
            let record = finding.record.map { "\(item) \($0 + 1): " } ?? ""
            var o: [String: Value] = ["code": .string(d.code), "severity": .string(d.severity.rawValue),
                                      "text": .string(record + Messages.text(d, language))]
            if let path = finding.path { o["path"] = .string(path.description); o["anchor"] = .string(FormModel.anchor(path)) }
            return .object(o)
        }
        return JSONResponse.make(.object(["diagnostics": .array(list)]))
    }
}
