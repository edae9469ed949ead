import DocFill
import Foundation

// TEMPORARY until the library's warm preview service (workspace21) is merged: one LibreOffice
// run per preview, but cached by content hash like that service, so the page code stays.

/// Page images of rendered documents, cached by the document's content hash in a private
/// folder: the same document is converted once.
final class PreviewStore: Sendable {
    let folder: String

    init() throws {
        folder = try PrivateFolder().path
    }

    /// The cache key and page count of `document`, converting it first when not cached.
    func pages(of document: Data, extension ext: String, state: ServerState) async throws -> (key: String, count: Int) {
        let key = Workspace.version(of: [UInt8](document))
        let target = (folder as NSString).appendingPathComponent(key)
        if let count = try? FileManager.default.contentsOfDirectory(atPath: target).filter({ $0.hasSuffix(".png") }).count, count > 0 {
            return (key, count)
        }
        let timeout = state.configuration.limits.previewTimeout
        let count = try await state.pool.run(timeout: timeout) {
            let work = try PrivateFolder()
            defer { work.remove() }
            let file = work.file("document.\(ext)")
            try document.write(to: URL(fileURLWithPath: file))
            let images = try PagePreview.render(document: file, to: work.file("pages"), dpi: 60,
                                                converter: { try PDFConverter(timeout: timeout) })
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for (i, image) in images.enumerated() {
                try? FileManager.default.moveItem(atPath: image, toPath: (target as NSString).appendingPathComponent("\(i + 1).png"))
            }
            return images.count
        }
        return (key, count)
    }

    /// A cached page image; nil for a key or page that is not one.
    func image(key: String, page: String) -> Data? {
        guard key.allSatisfy(\.isHexDigit), !key.isEmpty, key.count <= 64,
              page.hasSuffix(".png"), let n = Int(page.dropLast(4)), n >= 1 else { return nil }
        return FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("\(key)/\(n).png"))
    }
}
