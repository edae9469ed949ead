import DocFill
import Foundation
import Hummingbird

/// An error a request ends with: an HTTP status and the diagnostics (code, place, message),
/// the CLI's own when the library produced them. Sent as JSON to the API and shown on pages.
struct ServerError: Error, Sendable {
    /// The response status.
    var status: HTTPResponse.Status
    /// The problems, at least one.
    var diagnostics: [Diagnostic]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        diagnostics = [Diagnostic(code, message)]
    }

    init(_ status: HTTPResponse.Status, _ error: DocFillError) {
        self.status = status
        diagnostics = error.diagnostics
    }

    /// Any error as a server error: a library error is the client's input (422) unless its
    /// code says the server failed; Hummingbird's own errors keep their status.
    static func from(_ error: Error) -> ServerError {
        switch error {
        case let error as ServerError: return error
        case let error as HintedError:
            var e = ServerError(.unprocessableContent, error.error)
            e.diagnostics.append(Diagnostic("hint", error.hint, severity: .warning))
            return e
        case let error as DocFillError:
            return ServerError(status(of: error.code), error)
        case let error as HTTPError where error.status == .contentTooLarge:
            return ServerError(.contentTooLarge, "request_too_large", "the request body is larger than the server accepts")
        case let error as HTTPError:
            return ServerError(error.status, "http_error", error.body ?? error.status.reasonPhrase)
        default:
            return ServerError(.internalServerError, "internal_error", "\(error)")
        }
    }

    /// The status of a library error: the workspace's codes name their HTTP meaning; a
    /// server-side failure is 500; every other code is a fault of the request's input (422).
    static func status(of code: String) -> HTTPResponse.Status {
        switch code {
        case "invalid_id": return .badRequest
        case "unknown_id": return .notFound
        case "outside_workspace": return .forbidden
        case "stale_form", "output_exists": return .conflict
        default: return serverSideCodes.contains(code) ? .internalServerError : .unprocessableContent
        }
    }

    /// Codes that are the server's failure, not a fault of the request.
    static let serverSideCodes: Set<String> = ["io_error", "libreoffice_missing", "poppler_missing", "pdf_timeout",
                                               "pdf_conversion_failed", "preview_failed"]

    /// `{"error": {"code": …, "status": …, "diagnostics": [...]}}`.
    var json: Value {
        .object(["error": .object(["code": .string(diagnostics.first?.code ?? "unknown"),
                                   "status": .int(Int(status.code)),
                                   "diagnostics": .array(diagnostics.map(DiagnosticJSON.value))])])
    }

    /// The JSON response.
    var response: Response { JSONResponse.make(json, status: status) }
}

/// Diagnostics as JSON objects: what the CLI prints in one line, in fields.
enum DiagnosticJSON {
    /// `{code, severity, message, place, file?, line?, column?, path?}`; `path` is the data
    /// path the diagnostic concerns (`FieldKey.of`), for forms to place it.
    static func value(_ d: Diagnostic) -> Value {
        var o: [String: Value] = ["code": .string(d.code), "severity": .string(d.severity.rawValue),
                                  "message": .string(d.message), "place": .string(d.location.description),
                                  "line_text": .string(d.description)]
        if let file = d.location.file { o["file"] = .string(file) }
        if let line = d.location.line { o["line"] = .int(line) }
        if let column = d.location.column { o["column"] = .int(column) }
        if let key = FieldKey.of(d) { o["path"] = .string(key.description) }
        return .object(o)
    }
}

/// JSON responses, pretty with sorted keys as the CLI prints, one trailing newline.
enum JSONResponse {
    static func make(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        var bytes = value.jsonBytes(pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A name as messages quote it: cut to 60 characters with `…`, as the library's messages do,
/// so a hostile megabyte-long name gives a short line.
func shortName(_ name: String) -> String {
    name.count > 60 ? String(name.prefix(59)) + "…" : name
}
