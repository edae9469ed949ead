import Foundation

/// Output file names of a batch, from a pattern with the record's fields
/// (`{{ward}}-{{year}}.docx`; `{{@number}}` is the record's number, from 1) or, without one,
/// `record-0001`. Names are made safe for any
/// file system: no folders, no control or reserved characters, not hidden, not too long.
public struct OutputNamer: Sendable {
    let pattern: TextTemplate?
    let digits: Int
    let count: Int

    /// Makes a namer for a batch; a pattern that does not compile as a text template is thrown.
    ///
    /// - Parameters:
    ///   - pattern: the name pattern, a text template over the record's fields; nil for `record-0001` names.
    ///   - count: the number of records (the default names are zero-padded to it).
    public init(pattern: String?, count: Int) throws {
        self.pattern = try pattern.map { try TextTemplate($0, file: "--name") }
        self.digits = max(4, String(count).count)
        self.count = count
    }

    /// The file name (with `ext`, replacing an office or PDF extension the pattern gives) of
    /// the record at `index` (0-based): the pattern sees the record as item `index` of the
    /// batch (`{{@number}}`, `{{@index}}`, `{{@count}}`).
    public func name(for record: Value, index: Int, ext: String) throws -> String {
        var base: String
        if let pattern {
            base = Self.unescapeHTML(try pattern.render(record, item: (index, count)))
        } else {
            base = "record-" + String(repeating: "0", count: max(0, digits - String(index + 1).count)) + String(index + 1)
        }
        let given = (base as NSString).pathExtension.lowercased()
        if ["docx", "odt", "fodt", "pdf"].contains(given) { base = (base as NSString).deletingPathExtension }
        let stem = Self.sanitize(base)
        guard !stem.isEmpty else {
            throw DocFillError("invalid_name", "the --name pattern gives an empty file name for this record")
        }
        return stem + "." + ext
    }

    /// Text templates escape HTML (the Mustache rule); a file name wants the plain value.
    static func unescapeHTML(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Replaces path separators, control and Windows-reserved characters with `-`, folds runs
    /// of spaces and dashes, trims dots and spaces at the ends (no hidden or `..` names) and
    /// keeps at most 150 UTF-8 bytes (file systems allow 255; the extension and temporary
    /// suffixes need room).
    static func sanitize(_ name: String) -> String {
        var out = ""
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            let bad = scalar.value < 0x20 || scalar.value == 0x7F || "/\\:*?\"<>|".unicodeScalars.contains(scalar)
            let c: Character = bad || scalar.properties.isWhitespace && scalar != " " ? "-" : Character(scalar)
            if (c == "-" && out.hasSuffix("-")) || (c == " " && out.hasSuffix(" ")) { continue }
            out.append(c)
        }
        out = out.trimmingCharacters(in: CharacterSet(charactersIn: ". -"))
        while out.utf8.count > 150 { out.removeLast() }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: ". -"))
    }
}
