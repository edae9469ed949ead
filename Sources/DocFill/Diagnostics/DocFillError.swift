/// Where a problem is: a file, optionally a part inside an archive, and a line and column
/// (1-based) in that part's XML or in a data/text file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String?
    public var part: String?
    public var line: Int?
    public var column: Int?

    public init(file: String? = nil, part: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file; self.part = part; self.line = line; self.column = column
    }

    /// `file`, `part` (inside an archive) or both joined as `file:part`, then `:line:column`.
    public var description: String {
        var s = [file, part].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ":")
        if let line { s += (s.isEmpty ? "" : ":") + "\(line)"; if let column { s += ":\(column)" } }
        return s
    }
}

/// One problem, with a stable machine-readable code.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var code: String
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ code: String, _ message: String, at location: SourceLocation = .init(),
                severity: Severity = .error) {
        self.code = code; self.message = message; self.location = location; self.severity = severity
    }

    /// Compiler style: `word/document.xml:12:5: error[unclosed_section]: '{{#items}}' is never closed`.
    public var description: String {
        let place = location.description
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue)[\(code)]: \(message)"
    }
}

/// The one public error type of DocFill: one or more diagnostics (template errors are
/// collected, not stopped at the first).
public struct DocFillError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ code: String, _ message: String, at location: SourceLocation = .init()) {
        self.diagnostics = [Diagnostic(code, message, at: location)]
    }

    /// The code of the first diagnostic.
    public var code: String { diagnostics.first?.code ?? "unknown" }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// The same error, with `file` filled in where a diagnostic has none.
    public func inFile(_ file: String) -> DocFillError {
        DocFillError(diagnostics.map { d in
            var d = d; if d.location.file == nil { d.location.file = file }; return d
        })
    }
}
