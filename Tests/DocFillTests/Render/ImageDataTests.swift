import Foundation
import Testing
@testable import DocFill

/// What reaches a picture's markup from data. Not its alt text: that is the template's, with
/// the tag's name in place of the tag (`ImagePlacement`). The media name, relationship id,
/// drawing id and MIME type are made by DocFill; the base64 of a flat ODT is safe as written.
/// Only the size is the data's own: `width_mm`/`height_mm` become the drawing's lengths.
struct ImageDataTests {
    static func logo(_ object: [String: Value]) throws -> Value {
        try ImageTests.data(["logo": .object(object)])
    }

    static func codes(_ format: String, _ data: Value, strict: Bool = true, name: String = #function) -> [String] {
        do {
            try ImageTests.render(format, data, strict: strict, name: name)
            return []
        } catch let error as DocFillError {
            return error.diagnostics.map { "\($0.code): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    /// NaN or infinity trapped converting to EMU (DOCX) and were written as `nanin` (ODT);
    /// negative, zero and huge sizes made lengths no reader accepts. Each is refused, lenient too.
    @Test(arguments: ImageTests.formats)
    func sizesThatAreNoLengthAreRefused(_ format: String) throws {
        let cases: [(Value, String)] = [
            (.string("nan"), "width_mm must be a number of millimetres; got 'nan'"),
            (.string("-inf"), "width_mm must be a number of millimetres; got '-inf'"),
            (.string("35mm"), "width_mm must be a number of millimetres; got '35mm'"),
            (.string("3\u{1}5"), "width_mm must be a number of millimetres; got '3?5'"),
            (.bool(true), "width_mm must be a number of millimetres; got a boolean"),
            (.array([]), "width_mm must be a number of millimetres; got a list"),
            (.double(1e300), "width_mm must be above 0 and at most 10000; got 1e+300"),
            (.int(-5), "width_mm must be above 0 and at most 10000; got -5"),
            (.int(0), "width_mm must be above 0 and at most 10000; got 0"),
            (.int(10_001), "width_mm must be above 0 and at most 10000; got 10001"),
        ]
        for (size, message) in cases {
            for strict in [true, false] {
                let data = try Self.logo(["src": .string("images/red.png"), "width_mm": size])
                #expect(Self.codes(format, data, strict: strict) == ["image_size: '{{logo}}': \(message)"])
            }
        }
        let height = try Self.logo(["src": .string("images/red.png"), "height_mm": .string("inf")])
        #expect(Self.codes(format, height) == ["image_size: '{{logo}}': height_mm must be a number of millimetres; got 'inf'"])
    }

    /// A side that follows the aspect ratio can be over the limit when the given one is not.
    @Test(arguments: ImageTests.formats)
    func aSideFollowingTheAspectRatioIsBounded(_ format: String) throws {
        // green.png is 2 × 4 px: 10 m wide makes it 20 m high.
        let tall = try Self.logo(["src": .string("images/green.png"), "width_mm": .int(10_000)])
        #expect(Self.codes(format, tall) == [
            "image_size: '{{logo}}': the picture would be 10000 × 20000 mm, over 10000 mm a side; give both width_mm and height_mm",
        ])
        let both = try Self.logo(["src": .string("images/green.png"), "width_mm": .int(10_000), "height_mm": .int(10_000)])
        #expect(Self.codes(format, both) == [])
        #expect(Self.codes(format, try Self.logo(["src": .string("images/green.png"), "width_mm": .null])) == [])
    }

    /// Hostile values everywhere the pictures' data goes (control characters and markup in
    /// text and in a missing picture's path, sizes as strings, the largest and a tiny size):
    /// every part of the output parses as XML, and it adds no schema error to the template's.
    @Test(arguments: ImageTests.formats)
    func hostileDataAroundPicturesKeepsTheOutputValid(_ format: String) throws {
        let hostile = "A\u{0}\u{1}<b>&amp;\"'\u{B}\u{FFFE}\u{FFFF}\u{1F}]]>Z"
        let data = try ImageTests.data([
            "org": .string(hostile),
            "title": .string(hostile + "\t\r\n"),
            "logo": .object(["src": .string("images/red.png"), "width_mm": .string("10000"), "height_mm": .double(0.01)]),
            "header_logo": .object(["src": .string("images/\u{1}<x>&\"'.png"), "width_mm": .int(35)]),
            "people": .array([
                .object(["name": .string(hostile), "photo": .object(["src": .string("images/blue.png"), "height_mm": .string("12.5")])]),
                .object(["name": .string("\u{1}"), "photo": .string("images/\u{0}.png")]),
            ]),
        ])
        // Lenient: the pictures whose files are missing are removed.
        let out = try ImageTests.render(format, data, strict: false)
        let parts = format == "fodt" ? [(name: "content.fodt", bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))]
                                     : try ImageTests.entries(out).filter { $0.name.hasSuffix(".xml") || $0.name.hasSuffix(".rels") }
        for part in parts {
            #expect(throws: Never.self, "\(part.name)") { _ = try XMLParser.parse(part.bytes, file: out, part: part.name) }
            let text = String(decoding: part.bytes, as: UTF8.self)
            let forbidden = text.unicodeScalars.filter {
                ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0xFFFE || $0.value == 0xFFFF
            }
            #expect(forbidden.isEmpty, "\(part.name): \(forbidden.map { String($0.value, radix: 16) })")
        }
        let body = try ImageTests.text(out, ImageTests.contentPart(format))
        #expect(body.contains("A&lt;b&gt;&amp;amp;"), "the text is escaped, its control characters dropped")
        if format == "docx" {
            // 10000 × 0.001 mm, and 12.5 mm high for the 3 × 3 px picture.
            #expect(ImageTests.matches(#"<wp:extent (cx="\d+" cy="\d+")"#, in: body) == [#"cx="360000000" cy="360""#, #"cx="450000" cy="450000""#])
        }
        let before = try SchemaValidation.errors(of: TestPaths.fixture("images.\(format)"))
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "new schema errors: \(after.subtracting(before))")
    }
}
