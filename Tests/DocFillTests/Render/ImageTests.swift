import Foundation
import Testing
@testable import DocFill

/// Pictures from data (issue 10): the `images` fixture has a placeholder picture in the body
/// (`{{logo}}`), one in the page header (`{{header_logo}}`) and one in a table row repeated per
/// person (`{{photo}}`). Test pictures: Fixtures/images (make-images.py).
struct ImageTests {
    static let formats = ["docx", "odt", "fodt"]
    static let base = TestPaths.fixtures.path

    /// The fixture's data with some keys replaced (nil removes a key).
    static func data(_ changes: [String: Value?] = [:]) throws -> Value {
        guard case .object(var o) = try FixtureRenderTests.data("images") else { return .null }
        for (k, v) in changes { o[k] = v }
        return .object(o)
    }

    @discardableResult
    static func render(_ format: String, _ data: Value, strict: Bool = true, maxImageBytes: Int = 20 << 20,
                       imageRoots: [String] = [], name: String = #function) throws -> String {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("images.\(format)"))
        let out = TestPaths.scratch(name + format).appendingPathComponent("out.\(format)").path
        try template.render(data, to: out, options: RenderOptions(strict: strict, baseDirectory: base, maxImageBytes: maxImageBytes,
                                                               imageRoots: imageRoots))
        return out
    }

    /// Every entry of an output package, in archive order.
    static func entries(_ path: String) throws -> [(name: String, bytes: [UInt8])] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let reader = try ZipReader(TemplateBytes(bytes), file: path, limits: ArchiveLimits())
        return try reader.entries.map { ($0.name, try reader.read($0)) }
    }

    static func text(_ path: String, _ part: String) throws -> String {
        if path.hasSuffix(".fodt") { return try String(contentsOfFile: path, encoding: .utf8) }
        return String(decoding: try entries(path).first { $0.name == part }?.bytes ?? [], as: UTF8.self)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: $0.numberOfRanges > 1 ? 1 : 0), in: text)!])
        }
    }

    static func contentPart(_ format: String) -> String { format == "docx" ? "word/document.xml" : "content.xml" }
    static func headerPart(_ format: String) -> String { format == "docx" ? "word/header1.xml" : "styles.xml" }

    @Test(arguments: formats)
    func imagesInBodyHeaderAndRowLoopAddNoSchemaError(_ format: String) throws {
        let out = try Self.render(format, try Self.data())
        let before = try SchemaValidation.errors(of: TestPaths.fixture("images.\(format)"))
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "new schema errors: \(after.subtracting(before))")
    }

    @Test(arguments: formats)
    func renderingIsDeterministic(_ format: String) throws {
        let first = try Data(contentsOf: URL(fileURLWithPath: try Self.render(format, try Self.data(), name: "a")))
        let second = try Data(contentsOf: URL(fileURLWithPath: try Self.render(format, try Self.data(), name: "b")))
        #expect(first == second)
    }

    @Test(arguments: ["docx", "odt"])
    func theSameImageIsStoredOnceAndListed(_ format: String) throws {
        // red.png is the logo and the header logo: 4 distinct pictures, 5 placed.
        let out = try Self.render(format, try Self.data())
        let names = try Self.entries(out).map(\.name)
        let media = names.filter { $0.contains("/docfill-") }
        #expect(media == media.sorted())
        #expect(Set(media.map { ($0 as NSString).pathExtension }) == ["png", "jpeg"])
        #expect(media.count == 4, "\(media)")
        // New entries follow the template's, which keep their order.
        let template = try Self.entries(TestPaths.fixture("images.\(format)")).map(\.name)
        #expect(Array(names.prefix(template.count)) == template)
        #expect(Array(names.dropFirst(template.count)) == media)
        if format == "docx" {
            let types = try Self.text(out, "[Content_Types].xml")
            #expect(types.contains("Extension=\"png\"") && types.contains("Extension=\"jpeg\""))
            for (part, rels) in [("word/document.xml", "word/_rels/document.xml.rels"), ("word/header1.xml", "word/_rels/header1.xml.rels")] {
                let xml = try Self.text(out, part), relsXML = try Self.text(out, rels)
                for id in Self.matches(#"r:embed="([^"]+)""#, in: xml) {
                    let target = Self.matches(#"Id="\#(id)"[^>]*Target="([^"]+)""#, in: relsXML)
                    #expect(target.count == 1 && target[0].hasPrefix("media/docfill-"), "\(part): \(id) → \(target)")
                }
                let ids = Self.matches(#"Id="([^"]+)""#, in: relsXML)
                #expect(Set(ids).count == ids.count, "\(rels): \(ids)")
            }
        } else {
            let manifest = try Self.text(out, "META-INF/manifest.xml")
            for name in media { #expect(manifest.contains("manifest:full-path=\"\(name)\"")) }
            #expect(manifest.contains("image/jpeg"))
            let content = try Self.text(out, "content.xml") + Self.text(out, "styles.xml")
            #expect(Set(Self.matches(#"xlink:href="(Pictures/docfill-[^"]+)""#, in: content)) == Set(media))
        }
    }

    @Test func drawingIDsAreUniqueAcrossPartsAndRows() throws {
        let out = try Self.render("docx", try Self.data())
        let ids = try ["word/document.xml", "word/header1.xml"].flatMap {
            Self.matches(#"<wp:docPr id="(\d+)""#, in: try Self.text(out, $0))
        }
        #expect(ids.count == 5)
        #expect(Set(ids).count == 5, "\(ids)")
    }

    @Test(arguments: formats)
    func rowLoopRepeatsEachRowsPicture(_ format: String) throws {
        let out = try Self.render(format, try Self.data())
        let body = try Self.text(out, Self.contentPart(format))
        if format == "docx" {
            let embeds = Self.matches(#"r:embed="([^"]+)""#, in: body)
            #expect(embeds.count == 4 && Set(embeds).count == 4, "\(embeds)")
            // Alt text: the tag's name in place of the tag.
            #expect(Self.matches(#"descr="([^"]*)""#, in: body).allSatisfy { ["logo", "photo"].contains($0) })
        } else if format == "odt" {
            let hrefs = Self.matches(#"xlink:href="([^"]+)""#, in: body)
            #expect(hrefs.count == 4 && Set(hrefs).count == 4, "\(hrefs)")
            #expect(Self.matches(#"<svg:desc>([^<]*)<"#, in: body) == ["logo", "photo", "photo", "photo"])
        } else {
            // Flat ODT: pictures inline as base64.
            #expect(Self.matches(#"<office:binary-data>([^<]*)<"#, in: body).count == 5)
        }
        #expect(!body.contains("{{"))
    }

    @Test func picturesFitTheirBoxKeepingTheAspectRatio() throws {
        let out = try Self.render("docx", try Self.data())
        let extents = Self.matches(#"<wp:extent (cx="\d+" cy="\d+")"#, in: try Self.text(out, "word/document.xml"))
        // Logo box 4 × 2 cm, red 4×2 px: the whole box. Photo box 1.5 × 1.5 cm: green 2×4 px
        // is 0.75 × 1.5 cm, blue 3×3 px 1.5 × 1.5, the JPEG 16×8 px 1.5 × 0.75.
        #expect(extents == [#"cx="1438910" cy="719455""#, #"cx="269875" cy="539750""#,
                            #"cx="539750" cy="539750""#, #"cx="539750" cy="269875""#])
        let odt = try Self.render("odt", try Self.data())
        let sizes = Self.matches(#"<draw:frame[^>]* (svg:width="[^"]+" svg:height="[^"]+")"#, in: try Self.text(odt, "content.xml"))
        #expect(sizes == [#"svg:width="1.574in" svg:height="0.787in""#, #"svg:width="0.2953in" svg:height="0.5906in""#,
                          #"svg:width="0.5906in" svg:height="0.5906in""#, #"svg:width="0.5906in" svg:height="0.2953in""#])
    }

    @Test(arguments: formats)
    func dataURIAndObjectWithSize(_ format: String) throws {
        let red = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("images/red.png"))
        let data = try Self.data([
            "logo": .string("data:image/png;base64," + red.base64EncodedString()),
            "header_logo": .object(["src": .string("images/blue.png"), "width_mm": .int(40), "height_mm": .int(20)]),
            "people": .array([.object(["name": .string("An"), "photo": .object(["src": .string("images/gray.jpg"), "width_mm": .int(30)])])]),
        ])
        let out = try Self.render(format, data)
        if format == "docx" {
            #expect(try Self.text(out, "word/header1.xml").contains(#"<wp:extent cx="1440000" cy="720000"/>"#))
            // Width given: the height follows the 2:1 picture.
            #expect(try Self.text(out, "word/document.xml").contains(#"<wp:extent cx="1080000" cy="540000"/>"#))
            // The data URI's bytes are red.png's: one media entry for both.
            let media = try Self.entries(out).map(\.name).filter { $0.contains("/docfill-") }
            #expect(media.count == 3)
        } else {
            let header = try Self.text(out, Self.headerPart(format))
            // The template's unit is kept: LibreOffice's .odt uses inches, the hand-written .fodt cm.
            let expected = format == "odt" ? #"svg:width="1.5748in" svg:height="0.7874in""# : #"svg:width="4cm" svg:height="2cm""#
            #expect(header.contains(expected),
                    "\(Self.matches(#"(svg:width="[^"]+" svg:height="[^"]+")"#, in: header))")
        }
    }

    @Test(arguments: formats)
    func nullAndFalseRemoveThePicture(_ format: String) throws {
        let data = try Self.data(["logo": .null, "header_logo": .bool(false),
                                  "people": .array([.object(["name": .string("An"), "photo": .null])])])
        let out = try Self.render(format, data)
        let all = try Self.text(out, Self.contentPart(format)) + (format == "fodt" ? "" : Self.text(out, Self.headerPart(format)))
        #expect(!all.contains(format == "docx" ? "<w:drawing" : "<draw:frame"))
        if format != "fodt" { #expect(try Self.entries(out).allSatisfy { !$0.name.contains("docfill-") }) }
        #expect(try SchemaValidation.errors(of: out).subtracting(try SchemaValidation.errors(of: TestPaths.fixture("images.\(format)"))).isEmpty)
    }

    @Test(arguments: ["docx", "odt"])
    func missingImageIsAnErrorWithItsPlaceUnlessLenient(_ format: String) throws {
        let data = try Self.data(["logo": .string("images/nowhere.png")])
        do {
            try Self.render(format, data)
            Issue.record("expected image_missing")
        } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["image_missing"])
            let d = error.diagnostics[0]
            #expect(d.location.part == Self.contentPart(format) && (d.location.line ?? 0) > 0, "\(d)")
            #expect(d.message.contains("{{logo}}") && d.message.contains("nowhere.png"))
        }
        let out = try Self.render(format, data, strict: false)
        let body = try Self.text(out, Self.contentPart(format))
        #expect(Self.matches(format == "docx" ? "<w:drawing>" : "<draw:frame ", in: body).count == 3)
    }

    @Test(arguments: ["docx", "odt"])
    func notAPictureIsRefusedEvenLenient(_ format: String) throws {
        let dir = TestPaths.scratch()
        let fake = dir.appendingPathComponent("fake.png").path
        try Data("GIF89a not a png".utf8).write(to: URL(fileURLWithPath: fake))
        for strict in [true, false] {
            #expect(throws: DocFillError.self) {
                try Self.render(format, try Self.data(["logo": .string(fake)]), strict: strict, imageRoots: [dir.path])
            }
        }
        do { try Self.render(format, try Self.data(["logo": .string(fake)]), imageRoots: [dir.path]) } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["image_invalid"])
        }
        do { try Self.render(format, try Self.data(["logo": .string("data:image/png;base64,AAAA")])) } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["image_invalid"])
        }
        do { try Self.render(format, try Self.data(), maxImageBytes: 100) } catch let error as DocFillError {
            #expect(Set(error.diagnostics.map(\.code)) == ["image_too_large"])
        }
        do { try Self.render(format, try Self.data(["logo": .int(3)])) } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["image_value"])
        }
    }

    @Test func imageTagsAreListedAndTheirNamesChecked() throws {
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture("images.docx"))
        #expect(template.tags.filter(\.isImage).map(\.tag.name) == ["logo", "photo", "header_logo"])
        #expect(template.dumpPlan().contains("image {{logo}}"))
        do {
            try Self.render("docx", try Self.data(["logo": Value?.none]))
            Issue.record("expected unknown_name")
        } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["unknown_name"])
        }
    }

    @Test func cliFindsPicturesBesideTheDataFile() throws {
        // The CLI runs in the repository; images.json names "images/red.png" beside itself.
        let out = TestPaths.scratch().appendingPathComponent("out.docx").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("images.docx"), TestPaths.fixture("images.json"), "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let stdin = try CLITests.docfill(["render", TestPaths.fixture("images.docx"), "-", "-o", out],
                                         stdin: try String(contentsOfFile: TestPaths.fixture("images.json"), encoding: .utf8))
        #expect(stdin.status == 1 && stdin.stderr.contains("error[image_missing]"), "\(stdin.stderr)")
    }

    @Test func altTextWithASectionTagIsACompileError() throws {
        let source = try String(contentsOfFile: TestPaths.fixture("images.fodt"), encoding: .utf8)
            .replacingOccurrences(of: "<svg:desc>{{logo}}</svg:desc>", with: "<svg:desc>{{#logo}}</svg:desc>")
        #expect(throws: DocFillError.self) { try DocumentTemplate(bytes: Array(source.utf8), file: "bad.fodt") }
        do { _ = try DocumentTemplate(bytes: Array(source.utf8), file: "bad.fodt") } catch let error as DocFillError {
            #expect(error.diagnostics.map(\.code) == ["image_alt_text"])
        }
    }

    @Test func pngAndJPEGSizesAndSHA256() throws {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).hasPrefix("41edece42d63e8d9"))
        for (name, kind, w, h) in [("red.png", ImageKind.png, 4, 2), ("green.png", .png, 2, 4), ("gray.jpg", .jpeg, 16, 8)] {
            let bytes = [UInt8](try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("images/\(name)")))
            guard case .success(let image) = ImageFile.check(bytes, what: name, maxBytes: 1 << 20) else {
                Issue.record("\(name) refused"); continue
            }
            #expect(image.kind == kind && image.pixelWidth == w && image.pixelHeight == h)
            #expect(image.fileName == "docfill-\(SHA256.hex(bytes).prefix(16)).\(kind.rawValue)")
        }
        guard case .failure(.invalid) = ImageFile.check(Array("<svg/>".utf8), what: "svg", maxBytes: 100) else {
            Issue.record("an SVG passed as PNG/JPEG"); return
        }
    }
}

extension PrintTests {
    /// LibreOffice opens every rendered images document, and each PDF holds the five pictures
    /// (header logo, body logo, one per row of three).
    @Test func renderedImagesConvertToPDFWithEveryPicture() throws {
        let dir = TestPaths.scratch()
        var jobs: [PDFJob] = []
        for format in ImageTests.formats {
            let out = try ImageTests.render(format, try ImageTests.data(), name: "pdf")
            jobs.append(PDFJob(input: out, output: dir.appendingPathComponent("images-\(format).pdf").path))
        }
        let results = try PDFConverter().convert(jobs)
        for (job, result) in zip(jobs, results) {
            if case .failure(let error) = result { Issue.record("\(job.input): \(error)"); continue }
            let list = try Self.tool("pdfimages", ["-list", job.output])
            let rows = list.split(separator: "\n").dropFirst(2)
            #expect(rows.count == 5, "\(job.input):\n\(list)")
            // The three row pictures: 2×4 and 3×3 RGB, and the 16×8 grey JPEG.
            let sizes = Set(rows.map { $0.split(separator: " ", omittingEmptySubsequences: true)[3...4].joined(separator: "x") })
            #expect(sizes == ["4x2", "2x4", "3x3", "16x8"], "\(list)")
        }
    }
}
