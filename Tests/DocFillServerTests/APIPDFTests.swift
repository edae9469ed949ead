import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// `POST /api/render` with `Accept: application/pdf`: converted by the server's warm
/// LibreOffice (the previews' `PreviewService`). Needs soffice and python3-uno, as the
/// preview tests; serialized, and LibreOffice quit at the end.
@Suite(.serialized) struct APIPDFTests {
    @Test func aPDFIsConvertedByTheWarmOfficeAndItsCache() async throws {
        defer { DocFillServer.stopPreviews() }
        try await ServerTest.withApp { client, folder in
            let body = try ServerTest.body(folder.appendingPathComponent("Examples/invoice/invoice.yaml"))
            var first = Data()
            for round in 0..<2 {
                try await client.execute(uri: "/api/render?template=invoice.docx", method: .post,
                                         headers: [.contentType: "application/yaml", .accept: "application/pdf"], body: body) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/pdf")
                    #expect(response.headers[.contentDisposition] == "attachment; filename=\"invoice.pdf\"")
                    let pdf = Data(buffer: response.body)
                    #expect(pdf.starts(with: Data("%PDF-".utf8)))
                    #expect(pdf.range(of: Data("/Type /Page".utf8)) != nil || pdf.range(of: Data("/Type/Page".utf8)) != nil)
                    // A second conversion of the same document is the cache's: the same bytes
                    // (a conversion by a new LibreOffice stamps a new creation time).
                    if round == 0 { first = pdf } else { #expect(pdf == first) }
                }
            }
        }
    }
}
