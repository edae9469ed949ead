import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser posts a form with a file input:
/// the text fields, and the files with their field names. Written here rather than taken from
/// a package: the forms need little of it, and every bound is ours. A text part is UTF-8 (in
/// NFC, as `FormFields` gives them); a file part is kept as bytes, its file name only shown.
struct Multipart {
    /// A file part: the field's name, the name the browser gave the file, its bytes.
    struct File: Sendable {
        var name: String
        var fileName: String
        var bytes: [UInt8]
    }

    var fields: [(name: String, value: String)] = []
    var files: [File] = []

    /// The bounds of one body: a file part's bytes (the render's picture limit), the text
    /// parts' bytes together (the data limit), and how many file parts it may hold.
    struct Limits {
        var fileBytes: Int
        var textBytes: Int
        var files: Int
    }

    /// The most a part's headers may take: a browser writes two short lines.
    static let maxHeaderBytes = 8 * 1024

    /// The boundary of a `multipart/form-data` Content-Type, nil for another type.
    /// `bad_multipart` when it is one without a valid boundary (1–70 characters, RFC 2046).
    static func boundary(contentType: String) throws -> String? {
        let pieces = quotedSplit(contentType)
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.utf8.count), value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) else { break }
            return value
        }
        throw failure("the multipart form has no valid boundary in its Content-Type")
    }

    /// Parses `body`, split by `boundary`. Malformed: `bad_multipart` (400); a file part over
    /// its limit: `image_too_large` (413); text over its limit or too many files:
    /// `request_too_large` (413).
    static func parse(_ body: [UInt8], boundary: String, limits: Limits) throws -> Multipart {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard let first = find(delimiter, in: body, from: 0) else { throw failure("the multipart form has no part") }
        var form = Multipart()
        var textBytes = 0
        var i = first + delimiter.count
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if body[i...].starts(with: [0x2D, 0x2D]) { return form }
            guard body[i...].starts(with: [0x0D, 0x0A]) else { throw failure("a multipart delimiter is not followed by a line end") }
            i += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: i, within: maxHeaderBytes) else {
                throw failure("a part's headers do not end within \(maxHeaderBytes) bytes")
            }
            let (name, fileName) = try disposition(String(decoding: body[i..<headerEnd], as: UTF8.self))
            let start = headerEnd + 4
            guard let end = find(separator, in: body, from: start) else { throw failure("the multipart form does not end with its closing delimiter") }
            if let fileName {
                // A file input left empty sends a part without a name or bytes: no upload.
                if !fileName.isEmpty || end > start {
                    guard end - start <= limits.fileBytes else {
                        throw ServerError(.contentTooLarge, "image_too_large",
                                          "the uploaded picture '\(shortName(fileName))' has \(end - start) bytes (limit \(limits.fileBytes))")
                    }
                    guard form.files.count < limits.files else {
                        throw ServerError(.contentTooLarge, "request_too_large", "the form sends more than \(limits.files) pictures at once")
                    }
                    form.files.append(File(name: name, fileName: fileName, bytes: Array(body[start..<end])))
                }
            } else {
                textBytes += end - start
                guard textBytes <= limits.textBytes else {
                    throw ServerError(.contentTooLarge, "request_too_large", "the form is larger than \(limits.textBytes) bytes")
                }
                form.fields.append((name, String(decoding: body[start..<end], as: UTF8.self).precomposedStringWithCanonicalMapping))
            }
            i = end + separator.count
        }
    }

    /// The field name and file name of a part's `Content-Disposition: form-data; name="…";
    /// filename="…"` (nil when it is no file). Browsers escape `"`, CR and LF in names as
    /// `%22`, `%0D`, `%0A`; those are decoded.
    static func disposition(_ headers: String) throws -> (name: String, fileName: String?) {
        for line in headers.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?, fileName: String?
            for parameter in quotedSplit(String(parts[1])).dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                var value = pair[1]
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                value = value.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
                    .replacingOccurrences(of: "%0A", with: "\n").precomposedStringWithCanonicalMapping
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": fileName = value
                default: break
                }
            }
            guard let name else { break }
            return (name, fileName)
        }
        throw failure("a part of the multipart form has no Content-Disposition with a field name")
    }

    /// `a; b="x;y"; c` split at the semicolons outside quotes.
    static func quotedSplit(_ text: String) -> [String] {
        var pieces: [String] = [], current = "", quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c == ";", !quoted { pieces.append(current); current = "" } else { current.append(c) }
        }
        pieces.append(current)
        return pieces.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Where `needle` first starts in `haystack` at or after `from` (and, with `within`, no
    /// further than that many bytes on).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, within: Int = .max) -> Int? {
        guard let head = needle.first, haystack.count >= needle.count else { return nil }
        let last = min(haystack.count - needle.count, within == .max ? .max : from + within)
        guard from <= last else { return nil }
        return haystack.withUnsafeBufferPointer { h in
            var i = from
            while i <= last {
                if h[i] == head {
                    var j = 1
                    while j < needle.count, h[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
    }

    static func failure(_ message: String) -> ServerError {
        ServerError(.badRequest, "bad_multipart", message)
    }
}
