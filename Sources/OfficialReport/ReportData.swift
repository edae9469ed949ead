import DocFill

extension Report {
    /// The report model read from loaded data (JSON or YAML).
    public static func from(_ value: Value, file: String? = nil) throws -> Report {
        try value.decode(Report.self, file: file)
    }

    /// Findings that make a report unfit to render; the rest (a stated total its rows
    /// contradict) are warnings: the rendered totals are computed from the rows anyway.
    public static let warningCodes: Set<String> = ["total_mismatch", "percent_mismatch", "stale_year", "blank_header", "appendix_not_referenced"]

    /// The findings as DocFill diagnostics, placed by data path: at the value's line when
    /// `places` (from `DataLoader.loadDocument`) knows it. Findings at or under a path in
    /// `excusing` are left out (values still to do, reported as `open_todo` instead).
    public func diagnostics(file: String?, places: [String: SourceLocation] = [:],
                            excusing: Set<String> = []) -> [Diagnostic] {
        Self.diagnostics(validate(), file: file, places: places, excusing: excusing)
    }

    /// Turns findings into diagnostics: the codes in ``warningCodes`` warn, the others are errors, each placed at the data line its path names when known.
    public static func diagnostics(_ findings: [ReportFinding], file: String?, places: [String: SourceLocation] = [:],
                                   excusing: Set<String> = []) -> [Diagnostic] {
        findings.compactMap { finding in
            let excused = excusing.contains { p in
                finding.path == p || finding.path.hasPrefix(p + ".") || finding.path.hasPrefix(p + "[")
            }
            if excused { return nil }
            return Diagnostic(finding.code, "\(finding.path): \(finding.message)", at: findingLocation(finding.path, places, file),
                              severity: warningCodes.contains(finding.code) ? .warning : .error)
        }
    }

    /// The place of a path, or of its nearest parent that has one.
    static func findingLocation(_ path: String, _ places: [String: SourceLocation], _ file: String?) -> SourceLocation {
        var p = Substring(path)
        while !p.isEmpty {
            if let at = places[String(p)] { return at }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            p = p[..<cut]
        }
        return SourceLocation(file: file)
    }

    /// What templates see: the model plus computed strings, as engine data (what
    /// `ValueEncoder` makes of `templateData()`, built directly).
    public func templateValue() throws -> Value {
        try templateData().value()
    }
}
