import Foundation

/// The names a workspace's files are known by, and the one check between a name and a file:
/// a name is never a path. An id is a file name — letters `A–Z a–z`, digits, `.`, `-` and
/// `_`, beginning with a letter or a digit, at most 100 characters, no `..`, ending in an
/// extension the workspace lists (`.docx`, `.odt`, `.fodt` for templates; `.yaml`, `.yml`,
/// `.json` for data) — so `..`, `/`, `\`, absolute paths, `%2e`-encoded names, NUL,
/// hidden files (`.x`) and anything else are refused with `invalid_id` before the disk is
/// touched. A file the id names is looked up among the files the workspace lists; one that
/// is (or passes through) a symbolic link leading outside the root is `outside_workspace`.
public enum WorkspaceID {
    /// The longest id, in characters.
    public static let maxLength = 100
    /// Extensions of template files, lower case.
    public static let templateExtensions: Set<String> = ["docx", "odt", "fodt"]
    /// Extensions of data files, lower case.
    public static let dataExtensions: Set<String> = ["yaml", "yml", "json"]

    /// What an id names.
    public enum Kind: String, Sendable, Hashable {
        /// A .docx, .odt or .fodt template.
        case template
        /// A .yaml, .yml or .json data file.
        case data
    }

    /// The kind of file `id` names; throws `invalid_id` for anything that is not an id.
    @discardableResult
    public static func check(_ id: String) throws -> Kind {
        guard let kind = kind(of: id) else {
            throw DocFillError("invalid_id", "'\(shown(id))' is not a workspace name: a name is a file name of letters, digits, '.', '-' and '_' "
                                   + "ending in .docx, .odt, .fodt, .yaml, .yml or .json, never a path",
                               at: SourceLocation(file: shown(id)))
        }
        return kind
    }

    /// The kind of file `id` names, nil when it is not an id.
    public static func kind(of id: String) -> Kind? {
        let scalars = id.unicodeScalars
        guard (1...maxLength).contains(scalars.count), let first = scalars.first,
              isLetterOrDigit(first), scalars.allSatisfy({ isLetterOrDigit($0) || $0 == "." || $0 == "-" || $0 == "_" }),
              !id.contains(".."), let dot = id.lastIndex(of: ".") else { return nil }
        let ext = id[id.index(after: dot)...].lowercased()
        if templateExtensions.contains(ext) { return .template }
        if dataExtensions.contains(ext) { return .data }
        return nil
    }

    private static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }

    /// The id as a message may quote it: control characters escaped, cut to 60 characters.
    static func shown(_ id: String) -> String {
        var out = ""
        for s in id.unicodeScalars.prefix(60) {
            out += s.value < 0x20 || s.value == 0x7F ? String(format: "\\u{%X}", s.value) : String(s)
        }
        return id.unicodeScalars.count > 60 ? out + "…" : out
    }
}
