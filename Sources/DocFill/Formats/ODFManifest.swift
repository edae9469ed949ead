/// Checks an ODF package's `META-INF/manifest.xml` when a template is compiled: it is XML
/// like the other parts (parsed with the same rules, so a DOCTYPE is refused), and an entry
/// it marks as encrypted (`manifest:encryption-data`, a password-protected document) cannot
/// be rendered: its bytes are ciphertext, and copying them with the key data kept would
/// give a document no one can open.
enum ODFManifest {
    static let name = "META-INF/manifest.xml"

    static func check(_ bytes: [UInt8], file: String) throws {
        let document = try XMLParser.parse(bytes, file: file, part: name)
        for case let entry as XMLElement in document.root.children where entry.name == "file-entry" {
            guard let encryption = entry.children.lazy.compactMap({ $0 as? XMLElement }).first(where: { $0.name == "encryption-data" })
            else { continue }
            let path = entry.attribute("full-path") ?? "?"
            throw DocFillError("encrypted_entry", "the manifest marks '\(path)' as encrypted; save the document without a password",
                               at: SourceLocation(file: file, part: name, line: encryption.line, column: encryption.column))
        }
    }
}
