import Foundation
@testable import DocFill

/// Small test documents made from a fixture package: some entries replaced or edited, some
/// added, written to a scratch file.
enum TestPackage {
    /// `changes`: per entry name, its new text given the old one (nil for a new entry);
    /// `files`: entries added with a file's bytes.
    static func make(from fixture: String, _ changes: [String: (String?) -> String], files: [String: String] = [:],
                     name: String = #function) throws -> String {
        let ext = (fixture as NSString).pathExtension
        let path = TestPaths.scratch(name).appendingPathComponent("template.\(ext)").path
        let writer = try ZipWriter(path: path)
        var pending = changes
        for entry in try ImageTests.entries(TestPaths.fixture(fixture)) {
            if let change = pending.removeValue(forKey: entry.name) {
                try writer.add(name: entry.name, bytes: Array(change(String(decoding: entry.bytes, as: UTF8.self)).utf8))
            } else {
                try writer.add(name: entry.name, bytes: entry.bytes, store: entry.name == "mimetype")
            }
        }
        for (entry, change) in pending.sorted(by: { $0.key < $1.key }) {
            try writer.add(name: entry, bytes: Array(change(nil).utf8))
        }
        for (entry, file) in files.sorted(by: { $0.key < $1.key }) {
            try writer.add(name: entry, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), store: true)
        }
        try writer.close()
        return path
    }

    /// Replaces a text outright.
    static func text(_ xml: String) -> (String?) -> String { { _ in xml } }

    /// Inserts `xml` before the first `marker` of the old text.
    static func insert(_ xml: String, before marker: String) -> (String?) -> String {
        { old in old!.replacingOccurrences(of: marker, with: xml + marker, options: [], range: old!.range(of: marker)) }
    }

    static let wordNamespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"
        """

    /// A main document part with `body` in its `w:body`.
    static func wordDocument(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(wordNamespaces)><w:body>\(body)</w:body></w:document>"
    }

    /// Adds a part to `[Content_Types].xml`.
    static func override(_ part: String, _ type: String) -> (String?) -> String {
        insert("<Override PartName=\"/\(part)\" ContentType=\"\(type)\"/>", before: "</Types>")
    }

    /// Adds a relationship to a `.rels` part.
    static func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/\(type)\" Target=\"\(target)\"/>"
    }

    /// The ODF content part of `variables.odt` with `text` as the document text.
    static func odfContent(_ text: String) -> (String?) -> String {
        { old in
            let xml = old!
            let start = xml.range(of: "<office:text>")!.upperBound, end = xml.range(of: "</office:text>")!.lowerBound
            return String(xml[..<start]) + text + String(xml[end...])
        }
    }

    /// Every match of the first group of `pattern`.
    static func matches(_ pattern: String, in text: String) -> [String] { ImageTests.matches(pattern, in: text) }
}
