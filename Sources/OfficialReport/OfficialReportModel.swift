import DocFill

/// The official report as a DocFill `DataModel`, named `official-report`: what
/// `--model official-report` and a template's `docfill.model` property select.
public struct OfficialReportModel: DataModel {
    /// The kind of report the template is written for (its `docfill.model` is
    /// `official-report:party` or `official-report:state`), nil when it takes either.
    public let templateKind: ReportKind?

    /// Makes the model; `templateKind` set, data of the other kind is refused (`kind_mismatch`).
    public init(templateKind: ReportKind? = nil) { self.templateKind = templateKind }

    /// `party` or `state`: the model for a template written for that kind of report.
    public func variant(_ name: String) -> (any DataModel)? {
        ReportKind(rawValue: name).map { OfficialReportModel(templateKind: $0) }
    }

    /// The name given to `--model` and used in the `model:` key of a data file.
    public var name: String { "official-report" }

    /// The JSON Schema of the report data, from ``ReportSchema``.
    public var schema: Value { ReportSchema.schema }

    /// Decodes the data as a ``Report`` and turns its validation findings into diagnostics placed at the data file's lines.
    public func check(_ value: Value, file: String, places: [String: SourceLocation], excusing: Set<String>,
                      unknownKeys: Bool) throws -> (findings: [Diagnostic], view: Value) {
        let report = try Report.from(value, file: file)
        var findings = report.diagnostics(file: file, places: places, excusing: excusing)
        // Party data in the State template (or the reverse) renders a page of mixed rules
        // without a word: refused, naming both kinds.
        if let templateKind, report.kind != templateKind {
            findings.insert(Diagnostic("kind_mismatch",
                                       "kind: the data is a \(report.kind.rawValue) report but the template is written for a "
                                           + "\(templateKind.rawValue) report (its docfill.model is official-report:\(templateKind.rawValue)); "
                                           + "render it with the \(report.kind.rawValue) template, or correct kind",
                                       at: places["kind"] ?? SourceLocation(file: file)), at: 0)
        }
        if unknownKeys {
            findings += SchemaKeys.unknownKeys(in: value, schema: ReportSchema.schema).map {
                Diagnostic("unused_key", "'\($0)' is not a key of the official report model; it is ignored",
                           at: SourceLocation(file: file), severity: .warning)
            }
        }
        return (findings, try report.templateValue())
    }

    /// Compares a data file with the file it extends and warns about years left over from the base (the `stale_year` check).
    public func staleYears(_ value: Value, base: Value, file: String, places: [String: SourceLocation]) -> [Diagnostic] {
        guard let report = try? Report.from(value), let old = try? Report.from(base) else { return [] }
        return Report.diagnostics(report.staleYearFindings(base: old), file: file, places: places)
    }

    /// The template view of the data when it decodes as a report, or nil so the caller renders the raw data.
    public func quietView(_ value: Value) -> Value? { try? Report.from(value).templateValue() }

    /// Report data of the template's kind (either kind when the template takes both).
    public func fits(_ value: Value) -> Bool {
        guard let report = try? Report.from(value) else { return false }
        return templateKind == nil || report.kind == templateKind
    }
}

/// A `Report` renders directly: `template.render(report, to: "out.docx")` renders the view
/// its templates read (`templateValue()`), not its stored fields.
extension Report: TemplateData {}

/// `docfill next-year` rolls a report forward (`NextYear.make`).
extension OfficialReportModel: YearlyDataModel {
    /// Next year's report data (`NextYear.make`): dates a year on, the number and every
    /// appendix figure marked TODO to be entered again, everything else inherited.
    public func nextYear(from data: Value, extends: String, source: String) throws -> (data: Value, yaml: String) {
        let result = try NextYear.make(from: data, extends: extends, source: source)
        return (result.data, result.yaml)
    }
}
