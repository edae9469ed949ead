import Foundation

/// The font families a document's text asks for: DOCX `w:rFonts` (`w:ascii`, `w:hAnsi`) in its
/// styles and main part; ODF the `svg:font-family` of each font face a style names with
/// `style:font-name`. Declared but unused faces (LibreOffice lists Arial, Symbol) are left out,
/// so a note about a missing font names only fonts the pages use.
public enum FontRequests {
    /// The families `file`, a document of `format`, asks for, in first-use order; empty when
    /// it cannot be read (the note it feeds is a courtesy, never an error).
    public static func families(in file: String, format: DocumentFormat) -> [String] {
        guard let bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: file))) else { return [] }
        let parts: [String]
        switch format {
        case .fodt: parts = [String(decoding: bytes, as: UTF8.self)]
        case .docx: parts = entries(bytes, file: file, ["word/styles.xml", "word/document.xml"])
        case .odt: parts = entries(bytes, file: file, ["styles.xml", "content.xml"])
        }
        let text = parts.joined(separator: "\n")
        var found: [String] = []
        func add(_ family: String) {
            let name = family.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
            if !name.isEmpty, !found.contains(name) { found.append(name) }
        }
        switch format {
        case .docx:
            for m in text.matches(of: /<w:rFonts\b[^>]*?\bw:(?:ascii|hAnsi)="([^"]+)"/) { add(String(m.1)) }
        case .odt, .fodt:
            var faces: [String: String] = [:]
            for m in text.matches(of: /<style:font-face\b[^>]*?\bstyle:name="([^"]+)"[^>]*?\bsvg:font-family="([^"]+)"/) {
                faces[String(m.1)] = String(m.2).replacingOccurrences(of: "&apos;", with: "'")
            }
            for m in text.matches(of: /\bstyle:font-name="([^"]+)"/) { add(faces[String(m.1)] ?? String(m.1)) }
        }
        return found
    }

    private static func entries(_ bytes: [UInt8], file: String, _ names: [String]) -> [String] {
        guard let reader = try? ZipReader(TemplateBytes(bytes), file: file, limits: ArchiveLimits()) else { return [] }
        return names.compactMap { name in
            guard let entry = reader.entry(named: name), let data = try? reader.read(entry) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
