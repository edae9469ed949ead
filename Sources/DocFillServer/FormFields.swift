import DocFill
import Foundation
import Hummingbird

/// The fields of a posted HTML form (application/x-www-form-urlencoded), in order, values in
/// NFC: what a browser sends may be decomposed, and the data files are NFC.
struct FormFields: Sendable {
    var fields: [(name: String, value: String)]

    /// The form in `request`, at most `limit` bytes (`request_too_large`, 413).
    static func read(_ request: Request, limit: Int) async throws -> FormFields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw ServerError(.unsupportedMediaType, "unsupported_media_type", "a form must be posted as application/x-www-form-urlencoded")
        }
        let buffer = try await BodyReader.collect(request, limit: limit,
                                                   tooLarge: ServerError(.contentTooLarge, "request_too_large", "the form is larger than \(limit) bytes"))
        return parse(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// Parses `a=1&b=x+y&c=%C3%A1`.
    static func parse(_ body: String) -> FormFields {
        var fields: [(String, String)] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "").precomposedStringWithCanonicalMapping
            }
            fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return FormFields(fields: fields)
    }

    /// The first value of `name`.
    func first(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The fields whose names are data paths (not `_csrf`, `_version`, `action`, …: names
    /// starting with `_` or naming a button are the form's own).
    var dataFields: [(path: String, value: String)] {
        fields.filter { !$0.name.hasPrefix("_") && $0.name != "action" }.map { ($0.name, $0.value) }
    }
}

/// Reading a request's body whole, refusing it as soon as it passes `limit` bytes: nothing
/// larger is ever held in memory.
enum BodyReader {
    static func collect(_ request: Request, limit: Int, tooLarge: ServerError) async throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for try await chunk in request.body {
            guard buffer.readableBytes + chunk.readableBytes <= limit else { throw tooLarge }
            var chunk = chunk
            buffer.writeBuffer(&chunk)
        }
        return buffer
    }
}
