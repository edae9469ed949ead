import DocFill
import Foundation
import Hummingbird
import Testing

/// Form posts as a browser makes them, for the upload and list tests: `multipart/form-data`
/// bodies (text fields and files), and a small valid PNG.
enum FormPost {
    static let boundary = "----DocFillTestBoundary7MA4YWxkTrZu0gW"

    /// The Content-Type and cookie of a multipart post from the browser holding `csrf`.
    static func multipartHeaders(csrf: String) -> HTTPFields {
        [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: "docfill_csrf=\(csrf)"]
    }

    /// A part of a body: a text field, or a file (`fileName` set).
    struct Part {
        var name: String
        var value: [UInt8]
        var fileName: String? = nil
        var type = "image/png"

        static func text(_ name: String, _ value: String) -> Part { Part(name: name, value: Array(value.utf8)) }
        static func file(_ name: String, _ fileName: String, _ bytes: [UInt8]) -> Part { Part(name: name, value: bytes, fileName: fileName) }
    }

    /// The body of `parts`, each as `Content-Disposition: form-data; name=…[; filename=…]`.
    static func multipart(_ parts: [Part], closed: Bool = true) -> ByteBuffer {
        var bytes: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { head += "; filename=\"\(fileName)\"\r\nContent-Type: \(part.type)" }
            head += "\r\n\r\n"
            bytes += Array(head.utf8) + part.value + Array("\r\n".utf8)
        }
        if closed { bytes += Array("--\(boundary)--\r\n".utf8) }
        return ByteBuffer(bytes: bytes)
    }

    /// A 2 × 1 pixel PNG (the placeholder picture of the report templates).
    static let png: [UInt8] = [UInt8](Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAC0lEQVR42mPYBwYAD50EdSq45G0AAAAASUVORK5CYII=")!)

    /// The name the workspace stores `bytes` under: the render's media name.
    static func storedName(_ bytes: [UInt8], ext: String = "png") -> String {
        "pictures/docfill-\(Workspace.version(of: bytes).prefix(16)).\(ext)"
    }
}
