import DocFill
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// `docfill serve`: the workspace's templates and data files in a browser (pages rendered on
/// the server, a little JavaScript, every form working without it) and a JSON API for other
/// systems (`/openapi.yaml`). The CLI only parses its options and calls `run`.
public enum DocFillServer {
    /// Serves until interrupted (SIGINT, SIGTERM). `ready` hears the address once the server
    /// listens (the port chosen when `configuration.port` is 0).
    public static func run(_ configuration: ServerConfiguration, ready: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        try configuration.validate()
        let app = try makeApplication(configuration, ready: ready)
        try await app.runService()
    }

    /// Quits the LibreOffice that previews keep warm: for a program ending on a signal.
    public static func stopPreviews() {
        for store in PreviewStore.all.withLock({ $0 }) { store.stop() }
    }

    /// The application, for `run` and for tests (HummingbirdTesting drives it without a socket).
    public static func makeApplication(_ configuration: ServerConfiguration,
                                       ready: @escaping @Sendable (String) -> Void = { _ in }) throws -> some ApplicationProtocol {
        let state = try ServerState(configuration: configuration)
        let pages = try PageRenderer()
        let router = Router(context: ServerContext.self)
        router.add(middleware: ErrorMiddleware(pages: pages))
        if let token = configuration.token { router.add(middleware: TokenMiddleware(token: token)) }
        router.add(middleware: SecurityHeaders())
        router.add(middleware: CSRFMiddleware())
        // One warm LibreOffice for the pages' previews and PDFs and the API's PDFs.
        let previews = PreviewStore(limits: configuration.limits)
        APIRoutes(state: state, previews: previews).add(to: router)
        PageRoutes(state: state, pages: pages).add(to: router)
        DataPages(state: state, pages: pages).add(to: router)
        PictureFields(state: state).add(to: router)
        DocumentPages(state: state, pages: pages, previews: previews).add(to: router)
        return Application(router: router,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "docfill"),
                           onServerRunning: { channel in
                               let port = channel.localAddress?.port ?? configuration.port
                               ready("http://\(configuration.host):\(port)/")
                           })
    }
}

/// Headers on every response: no framing by other sites, no content sniffing, scripts and
/// styles from this server only (no CDN), nothing sent to other origins.
struct SecurityHeaders: RouterMiddleware {
    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
