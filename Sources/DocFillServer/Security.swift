import DocFill
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// The context of one request: Hummingbird's, with the page language and the CSRF token the
/// security middleware found or made for it.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The CSRF token of this browser (its cookie's value, or a new one set on the response).
    var csrf = ""
    /// Whether `csrf` is new, to be set as a cookie on the response.
    var csrfIsNew = false

    init(source: Source) { coreContext = .init(source: source) }
}

/// Names of the cookies the server sets; HttpOnly and SameSite=Strict, so another site's page
/// neither reads them nor makes the browser send them.
enum CookieName {
    static let token = "docfill_token"
    static let csrf = "docfill_csrf"
    static let language = "docfill_lang"
}

/// The access token, when the server is bound beyond loopback: every request carries it as
/// `Authorization: Bearer TOKEN` or in the cookie a browser gets by opening `/?token=TOKEN`
/// once (redirected at once to the same page without the token in its address). Missing or
/// wrong: 401 `unauthorized`, nothing else done.
struct TokenMiddleware: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        if let given = request.headers[.authorization], given.hasPrefix("Bearer "),
           Self.same(String(given.dropFirst("Bearer ".count)), token) {
            return try await next(request, context)
        }
        if let cookie = request.cookies[CookieName.token], Self.same(cookie.value, token) {
            return try await next(request, context)
        }
        if request.method == .get, let given = request.uri.queryParameters.get("token"), Self.same(given, token) {
            var response = Response.redirect(to: request.uri.path, type: .normal)
            response.setCookie(Cookie(name: CookieName.token, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        var response = ServerError(.unauthorized, "unauthorized",
                                   "this server needs its access token: send 'Authorization: Bearer TOKEN', or open /?token=TOKEN once in the browser").response
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<min(x.count, y.count) { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// CSRF protection for the pages (double submit): every browser gets a random token in a
/// SameSite=Strict cookie, every form the pages write carries it in a hidden `_csrf` field, and
/// a form post whose field differs from the cookie is refused (403 `csrf_failed`). The JSON API
/// needs none: it takes only JSON and YAML bodies, which another site's page cannot post.
struct CSRFMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        if let cookie = request.cookies[CookieName.csrf], cookie.value.count == 32 {
            context.csrf = cookie.value
        } else {
            context.csrf = Self.newToken()
            context.csrfIsNew = true
        }
        var response = try await next(request, context)
        if context.csrfIsNew {
            response.setCookie(Cookie(name: CookieName.csrf, value: context.csrf, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// 32 hex digits from the system's random source.
    static func newToken() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }

    /// Refuses a form whose `_csrf` field is not this browser's token.
    static func check(_ form: FormFields, context: ServerContext) throws {
        guard !context.csrfIsNew, let given = form.first("_csrf"), TokenMiddleware.same(given, context.csrf) else {
            throw ServerError(.forbidden, "csrf_failed",
                              "the form is not from this server's pages, or it is too old; open the page again and resend")
        }
    }
}

/// Errors thrown by handlers: JSON for the API, the error page for the pages.
struct ErrorMiddleware: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = ServerError.from(error)
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/openapi.yaml" { return failure.response }
            return pages.errorPage(failure, request: request, context: context)
        }
    }
}
