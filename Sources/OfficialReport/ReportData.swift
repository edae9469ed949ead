import DocFill

extension Report {
    /// The report model read from loaded data (JSON or YAML).
    public static func from(_ value: Value, file: String? = nil) throws -> Report {
        try value.decode(Report.self, file: file)
    }

    /// Findings that make a report unfit to render; the rest (a stated total its rows
    /// contradict) are warnings: the rendered totals are computed from the rows anyway.
    public static let warningCodes: Set<String> = ["total_mismatch", "percent_mismatch"]

    /// The findings as DocFill diagnostics, placed by data path.
    public func diagnostics(file: String?) -> [Diagnostic] {
        validate().map { finding in
            Diagnostic(finding.code, "\(finding.path): \(finding.message)", at: SourceLocation(file: file),
                       severity: Self.warningCodes.contains(finding.code) ? .warning : .error)
        }
    }

    /// What templates see: the model plus computed strings, as engine data.
    public func templateValue() throws -> Value {
        try ValueEncoder().encode(templateData())
    }
}
