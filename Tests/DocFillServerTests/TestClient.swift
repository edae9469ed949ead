import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOEmbedded

/// Sends requests straight to the application's responder, in process: the router, the
/// middleware and the routes run as they do behind a socket, without an HTTP client.
/// (HummingbirdTesting's router mode does the same, but its product pulls in AsyncHTTPClient,
/// NIOSSL and NIOHTTP2 — most of a clean build — for modes these tests do not use.)
struct TestClient: Sendable {
    /// One response: status, headers and the whole body.
    struct Response: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    private let send: @Sendable (HTTPRequest, ByteBuffer?) async throws -> Response

    /// A client of `app` (its responder built once, as a server does when it starts).
    init<App: ApplicationProtocol>(_ app: App) async throws {
        let responder = try await app.responder
        let logger = Logger(label: "docfill-server-tests")
        send = { head, body in
            // The context's channel is never read by the routes; an embedded one stands in.
            let context = App.Context(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: logger))
            let request = Request(head: head, body: RequestBody(buffer: body ?? ByteBuffer()))
            let response: HummingbirdCore.Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch {
                // The router answers HTTP errors itself; what gets through is a 500 from the server.
                response = HummingbirdCore.Response(status: .internalServerError)
            }
            let collector = BodyCollector()
            try await response.body.write(collector)
            return Response(status: response.status, headers: response.headers, body: collector.collected)
        }
    }

    /// Sends one request (`Content-Length` set from `body`, as a client would) and hands the
    /// response to `check`.
    @discardableResult
    func execute<Result>(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
                         _ check: (Response) async throws -> Result) async throws -> Result {
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers)
        return try await check(try await send(head, body))
    }
}

/// Collects a response body's buffers.
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Written by one task, read after it finished.
    private(set) var collected = ByteBuffer()
    func write(_ buffer: ByteBuffer) async throws { collected.writeImmutableBuffer(buffer) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
