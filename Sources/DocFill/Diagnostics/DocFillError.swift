import Foundation

/// Where a problem is: a file, optionally a part inside an archive, and a line and column
/// (1-based) in that part's XML or in a data/text file; in a document, also the place in the
/// words of its author (`AuthorPlace`), since a word processor writes a whole body on one line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in (a template, a data file), as the user named it.
    public var file: String?
    /// The part inside a template archive (`word/document.xml`), nil for a plain file.
    public var part: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known; only meaningful with a line.
    public var column: Int?
    /// The paragraph or table cell of a document, its text, and the list item being rendered.
    public var authorPlace: AuthorPlace?

    /// Makes a location; every field is optional because problems are known with more or less precision.
    public init(file: String? = nil, part: String? = nil, line: Int? = nil, column: Int? = nil,
                authorPlace: AuthorPlace? = nil) {
        self.file = file; self.part = part; self.line = line; self.column = column; self.authorPlace = authorPlace
    }

    /// `file`, `part` (inside an archive) or both joined as `file:part`, then `:line:column`,
    /// then the author's place in parentheses:
    /// `invoice.docx:word/document.xml:2:1299 (paragraph 4, "Kính gửi: {{customer.name}}")`.
    public var description: String {
        var s = [file, part].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ":")
        if let line { s += (s.isEmpty ? "" : ":") + "\(line)"; if let column { s += ":\(column)" } }
        if let authorPlace { s += (s.isEmpty ? "(" : " (") + authorPlace.description + ")" }
        return s
    }
}

/// A place in a document as its author sees it in a word processor, named as `docfill
/// inspect` names it: the paragraph or table cell (`TagSite`), the paragraph's text with its
/// tags as written, shortened, and for a problem met while rendering an item of
/// a list, the data path of that item (`items[1]`: 0-based, as every data path).
public struct AuthorPlace: Sendable, Hashable, CustomStringConvertible {
    /// The paragraph or table cell the tag is in.
    public var site: TagSite
    /// The paragraph's text, shortened to 60 characters at most; empty when it has none.
    public var text: String
    /// The data path of the innermost list item being rendered when the problem was met.
    public var item: String?

    /// Makes an author's place from a site, the paragraph's text and the list item being rendered.
    public init(site: TagSite, text: String, item: String? = nil) {
        self.site = site; self.text = text; self.item = item
    }

    /// `table 1, row 3, cell 2, "{{name}}", item items[1]`.
    public var description: String {
        var s = site.description
        if !text.isEmpty { s += ", \"\(text)\"" }
        if let item { s += ", item \(item)" }
        return s
    }
}

/// One problem, with a stable machine-readable code.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is; the raw value is the word printed in its line.
    public enum Severity: String, Sendable {
        /// The work stops: nothing is written.
        case error
        /// The work goes on; the problem is reported beside the result.
        case warning
    }
    /// A stable snake_case code (`unclosed_section`, `missing_value`) that tests and tools match on; messages may change, codes do not.
    public var code: String
    /// Whether the problem stops the work (an error) or is only reported (a warning).
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// The explanation for a person, saying what is wrong and, where it can, how to fix it.
    public var message: String

    /// Makes a diagnostic; errors are the default severity.
    public init(_ code: String, _ message: String, at location: SourceLocation = .init(),
                severity: Severity = .error) {
        self.code = code; self.message = message; self.location = location; self.severity = severity
    }

    /// Compiler style: `word/document.xml:12:5: error[unclosed_section]: '{{#items}}' is never closed`.
    public var description: String {
        let place = location.description
        // One line, whatever the message holds (libxml2's messages carry line breaks).
        let oneLine = message.contains(where: \.isNewline)
            ? message.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
            : message
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue)[\(code)]: \(oneLine)"
    }
}

/// The one public error type of DocFill: one or more diagnostics (template errors are
/// collected, not stopped at the first). Its `localizedDescription` is the compiler-style
/// lines, as `description`.
public struct DocFillError: LocalizedError, Sendable, CustomStringConvertible {
    /// The problems, in the order found, capped at ``diagnosticLimit`` plus a final count.
    public var diagnostics: [Diagnostic]

    /// At most `diagnosticLimit` diagnostics are kept; the rest are counted in a final
    /// `too_many_errors` diagnostic ("… and 4900 more problems"), so thousands of broken tags
    /// give a readable report, not thousands of lines.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = Self.capped(diagnostics) }

    /// How many diagnostics one error reports before the rest are only counted.
    public static let diagnosticLimit = 100

    static func capped(_ all: [Diagnostic], limit: Int = diagnosticLimit) -> [Diagnostic] {
        // An already capped list (re-wrapped, e.g. by `inFile`) keeps its own count.
        guard all.count > limit, all.last?.code != "too_many_errors" else { return all }
        var kept = Array(all.prefix(limit))
        kept.append(Diagnostic("too_many_errors",
                               "… and \(all.count - limit) more problems (\(all.count) in all; the first \(limit) are shown)",
                               at: SourceLocation(file: all[0].location.file)))
        return kept
    }
    /// Makes an error holding one diagnostic.
    public init(_ code: String, _ message: String, at location: SourceLocation = .init()) {
        self.diagnostics = [Diagnostic(code, message, at: location)]
    }

    /// The code of the first diagnostic.
    public var code: String { diagnostics.first?.code ?? "unknown" }
    /// The compiler-style lines, one per diagnostic.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    /// The compiler-style lines (what `localizedDescription` shows), not Foundation's
    /// "DocFill.DocFillError error 1".
    public var errorDescription: String? { description }

    /// The same error, with `file` filled in where a diagnostic has none.
    public func inFile(_ file: String) -> DocFillError {
        DocFillError(diagnostics.map { d in
            var d = d; if d.location.file == nil { d.location.file = file }; return d
        })
    }
}
