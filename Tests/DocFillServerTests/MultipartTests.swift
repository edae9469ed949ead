import Foundation
import Testing
@testable import DocFillServer

/// The multipart/form-data reader: fields and files as a browser sends them, every bound
/// and every malformed body refused with its code.
@Suite struct MultipartTests {
    static let limits = Multipart.Limits(fileBytes: 1000, textBytes: 1000, files: 2)

    static func parse(_ parts: [FormPost.Part], closed: Bool = true, limits: Multipart.Limits = limits) throws -> Multipart {
        try Multipart.parse(Array(FormPost.multipart(parts, closed: closed).readableBytesView), boundary: FormPost.boundary, limits: limits)
    }

    /// The code and status a parse is refused with (`bad_multipart 400`), nil when it is not.
    static func code(_ body: () throws -> Multipart) -> String? {
        do { _ = try body(); return nil } catch let error as ServerError {
            return "\(error.diagnostics.first?.code ?? "") \(error.status.code)"
        } catch { return "\(error)" }
    }

    @Test func fieldsAndFilesAreReadInOrderTextInNFC() throws {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        let form = try Self.parse([.text("_csrf", "abc"), .text("customer.name", decomposed),
                                   .file("_picture:logo", "logo.png", FormPost.png), .text("note", "a\r\nb"),
                                   .file("_picture:seal", "", [])])
        #expect(form.fields.map(\.name) == ["_csrf", "customer.name", "note"])
        #expect(form.fields[1].value == "Nguyễn")
        #expect(form.fields[2].value == "a\r\nb")
        // The empty file input is no upload.
        #expect(form.files.count == 1)
        #expect(form.files[0].name == "_picture:logo")
        #expect(form.files[0].fileName == "logo.png")
        #expect(form.files[0].bytes == FormPost.png)
    }

    @Test func theBoundaryIsTakenFromTheContentType() throws {
        #expect(try Multipart.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(try Multipart.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"") == "a b;c")
        #expect(try Multipart.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(Self.code { _ = try Multipart.boundary(contentType: "multipart/form-data"); return Multipart() } == "bad_multipart 400")
        #expect(Self.code { _ = try Multipart.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)); return Multipart() }
                == "bad_multipart 400")
    }

    @Test func malformedBodiesAreRefused() throws {
        #expect(Self.code { try Self.parse([.text("a", "1")], closed: false) } == "bad_multipart 400")
        #expect(Self.code { try Multipart.parse(Array("no parts here".utf8), boundary: FormPost.boundary, limits: Self.limits) } == "bad_multipart 400")
        let noName = Array("--\(FormPost.boundary)\r\nContent-Disposition: form-data\r\n\r\nx\r\n--\(FormPost.boundary)--\r\n".utf8)
        #expect(Self.code { try Multipart.parse(noName, boundary: FormPost.boundary, limits: Self.limits) } == "bad_multipart 400")
        let longHeader = Array("--\(FormPost.boundary)\r\nX-Pad: \(String(repeating: "p", count: 9000))\r\n\r\nx\r\n--\(FormPost.boundary)--\r\n".utf8)
        #expect(Self.code { try Multipart.parse(longHeader, boundary: FormPost.boundary, limits: Self.limits) } == "bad_multipart 400")
    }

    @Test func boundsAreKept() throws {
        let big = [UInt8](repeating: 7, count: 1001)
        #expect(Self.code { try Self.parse([.file("_picture:a", "a.png", big)]) } == "image_too_large 413")
        #expect(Self.code { try Self.parse([.text("a", String(repeating: "x", count: 600)), .text("b", String(repeating: "y", count: 600))]) }
                == "request_too_large 413")
        let three: [FormPost.Part] = (0..<3).map { .file("_picture:p\($0)", "p.png", FormPost.png) }
        #expect(Self.code { try Self.parse(three) } == "request_too_large 413")
        #expect(try Self.parse(Array(three.prefix(2))).files.count == 2)
    }
}
