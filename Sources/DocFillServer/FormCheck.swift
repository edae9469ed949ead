import DocFill
import Foundation

/// The check a form shows: `docfill check` of the data, each finding with the data path of
/// the field it concerns. A data file whose top level is a list holds records, each rendered
/// on its own (`docfill batch`): each record is checked as the data of one document, and its
/// findings are placed under it (`[2].name`), named by the record's number in the list.
struct FormCheck {
    struct Finding {
        var diagnostic: Diagnostic
        /// The field the finding concerns, when it names one.
        var path: DataPath?
        /// The record (0-based) of a list's finding.
        var record: Int?
    }

    var findings: [Finding]
    /// The CLI's hint line, if any (none for a list's records).
    var hint: String?

    /// Checks `data` (loaded from `source`) with the template `name`.
    static func run(_ service: RenderService, template name: String, data: Value, source: DataSource) async throws -> FormCheck {
        guard case .array(let records) = data else {
            let (diagnostics, hint) = try await service.check(template: name, RenderService.Request(data: source))
            return FormCheck(findings: diagnostics.map { Finding(diagnostic: $0, path: FieldKey.of($0).flatMap { DataPath($0.description) }) },
                             hint: hint)
        }
        var findings: [Finding] = []
        for (i, record) in records.enumerated() {
            let (diagnostics, _) = try await service.check(template: name, RenderService.Request(data: .value(record, name: source.name)))
            for d in diagnostics {
                let key = FieldKey.of(d)?.description
                let path = key.flatMap { DataPath("[\(i)]" + ($0.hasPrefix("[") ? "" : ".") + $0) }
                findings.append(Finding(diagnostic: d, path: path, record: i))
            }
        }
        return FormCheck(findings: findings, hint: nil)
    }
}
