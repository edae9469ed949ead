import DocFill
import Foundation
import Hummingbird

/// The pages: the workspace's files, a data file's form, its preview and downloads, next year
/// and what changed. Every action is a form post answered by a redirect (303), so the pages
/// work with JavaScript off; the script only adds live checking.
struct PageRoutes: Sendable {
    let state: ServerState
    let pages: PageRenderer

    func add(to router: Router<ServerContext>) {
        router.get("/") { request, context in self.home(request, context) }
        router.get("/static/:file") { _, context in try Self.staticFile(try context.parameters.require("file")) }
        router.post("/language") { request, context in try await self.switchLanguage(request, context) }
    }

    func home(_ request: Request, _ context: ServerContext) -> Response {
        let templates = state.workspace.templates().map { entry -> [String: Any] in
            ["name": entry.id, "format": entry.format, "model": entry.model ?? "", "title": entry.title ?? ""]
        }
        let data = state.workspace.dataFiles().map { entry -> [String: Any] in
            ["name": entry.id, "href": Self.escapePath(entry.id), "template": entry.templates.first ?? "", "extends": entry.extends ?? ""]
        }
        return pages.page("home", ["templates": templates, "data": data], request: request, context: context)
    }

    /// The language switch: a cookie for a year, then back to the page it was pressed on.
    func switchLanguage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormFields.read(request, limit: 4096)
        try CSRFMiddleware.check(form, context: context)
        let language = MessageLanguage(rawValue: form.first("lang") ?? "") ?? .vi
        var response = Response.redirect(to: Self.localPath(form.first("back")), type: .normal)
        response.setCookie(Cookie(name: CookieName.language, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    /// The stylesheet and the script, from the resources; nothing else is served from there.
    static func staticFile(_ name: String) throws -> Response {
        let types = ["app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"]
        guard let type = types[name] else { throw ServerError(.notFound, "not_found", "no such file") }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try Resources.bytes("static/" + name))))
    }

    /// A redirect target from a form: a path on this server, else the home page (no open redirect).
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
        return path
    }

    /// A name as one path segment.
    static func escapePath(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}
