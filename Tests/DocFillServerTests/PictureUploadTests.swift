import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// Signature and seal pictures uploaded with the report's form: stored beside the data file
/// under a name made from their content, the field set to the path the CLI reads, a
/// thumbnail on the page; what is not a PNG or JPEG, too large, or would be written through a
/// link is refused, and nothing else changes.
@Suite struct PictureUploadTests {
    static let report = "pho-hoa-2023.yaml"

    /// The report's form as a browser holds it: its CSRF cookie and version.
    static func open(_ client: TestClient) async throws -> (html: String, csrf: String, version: String) {
        let (html, csrf) = try await PageTests.page(client, "/data/\(report)")
        return (html, csrf, try #require(PageTests.hidden(html, "_version")))
    }

    static func post(_ client: TestClient, csrf: String, _ parts: [FormPost.Part],
                     _ check: @escaping @Sendable (HTTPResponse.Status, String) throws -> Void) async throws {
        try await client.execute(uri: "/data/\(report)", method: .post, headers: FormPost.multipartHeaders(csrf: csrf),
                                 body: FormPost.multipart(parts)) { response in
            try check(response.status, String(buffer: response.body))
        }
    }

    static func fields(csrf: String, version: String) -> [FormPost.Part] {
        [.text("_csrf", csrf), .text("_version", version), .text("_template", "bao-cao-dang-uy.docx"), .text("action", "save"),
         .text("signature.name", "Võ Thanh")]
    }

    @Test func theReportFormUploadsASignatureThatTheCLIRendersFromTheSavedFile() async throws {
        try await ServerTest.withApp { client, folder in
            let (html, csrf, version) = try await Self.open(client)
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("<input type=\"file\" name=\"_picture:signature.signature_image\""))
            #expect(html.contains("<input type=\"file\" name=\"_picture:signature.seal_image\""))
            try await Self.post(client, csrf: csrf, Self.fields(csrf: csrf, version: version)
                                + [.file("_picture:signature.signature_image", "chữ ký.png", FormPost.png),
                                   .file("_picture:signature.seal_image", "", [])]) { status, _ in
                #expect(status == .seeOther)
            }
            let stored = FormPost.storedName(FormPost.png)
            let data = folder.appendingPathComponent("Samples/\(Self.report)")
            let saved = try DataLoader.load(contentsOf: data.path)
            #expect(saved["signature"]?["signature_image"] == .string(stored))
            // The empty file input uploads nothing and leaves the seal unset.
            #expect(saved["signature"]?["seal_image"] == nil)
            #expect(try Data(contentsOf: folder.appendingPathComponent("Samples/" + stored)) == Data(FormPost.png))

            // The page shows it; the thumbnail is the picture.
            let (page, _) = try await PageTests.page(client, "/data/\(Self.report)")
            let thumb = try #require(page.firstMatch(of: /<img class="thumb" src="([^"]+)"/).map { String($0.1) })
            #expect(thumb.hasPrefix("/data/pho-hoa-2023.yaml/picture?field=signature.signature_image&amp;v="))
            try await client.execute(uri: thumb.replacingOccurrences(of: "&amp;", with: "&"), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Array(response.body.readableBytesView) == FormPost.png)
            }

            // The live check of the form as typed reads the picture from beside the file too.
            let csrf2 = csrf
            let fields = PageTests.encode([("_csrf", csrf2), ("signature.signature_image", stored)])
            try await client.execute(uri: "/data/\(Self.report)/check?template=bao-cao-dang-uy.docx", method: .post,
                                     headers: PageTests.form.merging([.cookie: "docfill_csrf=\(csrf2)"]), body: fields) { response in
                #expect(response.status == .ok)
                let codes = try ServerTest.json(response.body)["diagnostics"]?.items.compactMap { $0["code"]?.string } ?? []
                #expect(!codes.isEmpty && !codes.contains { $0.hasPrefix("image_") }, "\(codes)")
            }
            let broken = PageTests.encode([("_csrf", csrf2), ("signature.signature_image", "pictures/none.png")])
            try await client.execute(uri: "/data/\(Self.report)/check?template=bao-cao-dang-uy.docx", method: .post,
                                     headers: PageTests.form.merging([.cookie: "docfill_csrf=\(csrf2)"]), body: broken) { response in
                let codes = try ServerTest.json(response.body)["diagnostics"]?.items.compactMap { $0["code"]?.string } ?? []
                #expect(codes.contains("image_missing"), "\(codes)")
            }

            // The CLI renders the saved file with the picture, from beside it.
            let out = folder.appendingPathComponent("signed.docx")
            let cli = try ServerTest.docfill(["render", "Templates/bao-cao-dang-uy.docx", "Samples/\(Self.report)", "-o", out.path], in: folder)
            #expect(cli.status == 0, "\(cli.stderr)")
            let docx = try Data(contentsOf: out)
            let media = "word/media/docfill-\(Workspace.version(of: FormPost.png).prefix(16)).png"
            #expect(docx.range(of: Data(media.utf8)) != nil, "the DOCX holds no \(media)")
        }
    }

    @Test func aPictureThatIsNotAPNGOrJPEGIsRefusedAndNothingSaved() async throws {
        try await ServerTest.withApp { client, folder in
            let data = folder.appendingPathComponent("Samples/\(Self.report)")
            let before = try Data(contentsOf: data)
            let (_, csrf, version) = try await Self.open(client)
            let gif = Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)
            try await Self.post(client, csrf: csrf, Self.fields(csrf: csrf, version: version)
                                + [.file("_picture:signature.seal_image", "seal.gif", gif)]) { status, page in
                #expect(status == .unprocessableContent)
                #expect(page.contains("<code>image_invalid</code>"))
                #expect(page.contains("the uploaded picture is not a PNG or JPEG image"))
            }
            #expect(try Data(contentsOf: data) == before)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Samples/pictures").path))
        }
    }

    @Test func aPictureOverTheRenderLimitIsRefusedWith413() async throws {
        var limits = ServerLimits()
        limits.maxUploadBytes = 40
        try await ServerTest.withApp(limits: limits) { client, _ in
            let (_, csrf, version) = try await Self.open(client)
            try await Self.post(client, csrf: csrf, Self.fields(csrf: csrf, version: version)
                                + [.file("_picture:signature.signature_image", "big.png", FormPost.png)]) { status, page in
                #expect(status == .contentTooLarge)
                #expect(page.contains("<code>image_too_large</code>"))
                #expect(page.contains("the uploaded picture &#39;big.png&#39; has \(FormPost.png.count) bytes (limit 40)")
                        || page.contains("the uploaded picture 'big.png' has \(FormPost.png.count) bytes (limit 40)"))
            }
        }
    }

    @Test func aPicturesFolderThatLeadsOutsideTheWorkspaceIsNotWrittenThrough() async throws {
        try await ServerTest.withApp { client, folder in
            let outside = folder.deletingLastPathComponent().appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("Samples/pictures").path,
                                                       withDestinationPath: outside.path)
            let (_, csrf, version) = try await Self.open(client)
            try await Self.post(client, csrf: csrf, Self.fields(csrf: csrf, version: version)
                                + [.file("_picture:signature.signature_image", "s.png", FormPost.png)]) { status, page in
                #expect(status == .forbidden)
                #expect(page.contains("<code>outside_workspace</code>"))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        }
    }

    @Test func aFileInAFieldThatIsNotAPictureFieldIsRefused() async throws {
        try await ServerTest.withApp { client, _ in
            let (_, csrf, version) = try await Self.open(client)
            try await Self.post(client, csrf: csrf, Self.fields(csrf: csrf, version: version)
                                + [.file("signature.name", "x.png", FormPost.png)]) { status, page in
                #expect(status == .badRequest)
                #expect(page.contains("<code>bad_multipart</code>"))
            }
        }
    }

    @Test func aThumbnailIsReadOnlyFromTheDataFilesFolder() async throws {
        try await ServerTest.withApp { client, folder in
            // A field naming a file outside the data file's folder shows no picture.
            let data = folder.appendingPathComponent("Samples/\(Self.report)")
            var text = try String(contentsOf: data, encoding: .utf8)
            text = text.replacingOccurrences(of: "  name: \"Võ Thanh\"\n", with: "  name: \"Võ Thanh\"\n  seal_image: \"../Templates/bao-cao-dang-uy.docx\"\n")
            try text.write(to: data, atomically: true, encoding: .utf8)
            try await client.execute(uri: "/data/\(Self.report)/picture?field=signature.seal_image", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("<code>image_outside_root</code>"))
            }
            let (page, _) = try await PageTests.page(client, "/data/\(Self.report)")
            #expect(page.contains("value=\"../Templates/bao-cao-dang-uy.docx\""))
            #expect(!page.contains("<img class=\"thumb\""))
        }
    }
}
