import DocFill
import Foundation
import Hummingbird

/// The fields of a posted HTML form, in order, values in NFC: what a browser sends may be
/// decomposed, and the data files are NFC. A form is `application/x-www-form-urlencoded`, or,
/// where the page takes pictures, `multipart/form-data` with its files in `uploads`.
struct FormFields: Sendable {
    var fields: [(name: String, value: String)]
    /// The files of a multipart form (non-empty file inputs), in order.
    var uploads: [Multipart.File] = []

    /// The form in `request`, at most `limit` bytes of fields (`request_too_large`, 413).
    /// With `pictures`, a multipart form is taken too: each file at most `pictures.bytes`
    /// (`image_too_large`, 413), at most `pictures.count` of them; the body is then bounded by
    /// the fields' limit plus the files'.
    static func read(_ request: Request, limit: Int, pictures: (bytes: Int, count: Int)? = nil) async throws -> FormFields {
        let type = request.headers[.contentType] ?? ""
        if let pictures, let boundary = try Multipart.boundary(contentType: type) {
            let whole = limit + pictures.count * pictures.bytes + 64 * 1024
            let buffer = try await BodyReader.collect(request, limit: whole,
                                                       tooLarge: ServerError(.contentTooLarge, "request_too_large", "the form is larger than \(whole) bytes"))
            let form = try Multipart.parse(Array(buffer.readableBytesView), boundary: boundary,
                                           limits: .init(fileBytes: pictures.bytes, textBytes: limit, files: pictures.count))
            return FormFields(fields: form.fields, uploads: form.files)
        }
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw ServerError(.unsupportedMediaType, "unsupported_media_type",
                              "a form must be posted as application/x-www-form-urlencoded\(pictures == nil ? "" : " or multipart/form-data")")
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
