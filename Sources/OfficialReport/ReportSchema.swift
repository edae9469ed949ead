import DocFill

/// The JSON Schema (2020-12) of the data `--model official-report` reads: written per type
/// beside the decoders, with the keys taken from each type's `CodingKeys` so that a renamed
/// key cannot go out of step. What the decoders accept decides the types: text decoded
/// leniently also takes a number, `AppendixCell` also takes null, Swift optionals take null.
/// `required` holds the keys whose absence fails decoding (`decode`, not `decodeIfPresent`).
/// Unknown keys are refused (`additionalProperties: false`): the decoders would ignore a
/// misspelt key silently, and the schema is where the typo should show.
public enum ReportSchema {
    /// The whole schema: the report object with one `$defs` entry per nested type.
    public static var schema: Value {
        var root = object(Report.CodingKeys.self, [
            .kind: .object(["enum": .array(ReportKind.allCases.map { .string($0.rawValue) })]),
            .issuer: ref("Issuer"), .number: lenientText, .symbol: text, .place: text,
            .date: lenientText, .period: nullable(ref("Period")), .documentType: text, .subject: text, .parts: list(ref("Part")),
            .closing: optionalText, .recipients: list(text), .archive: optionalText,
            .signature: ref("Signature"), .appendices: list(ref("Appendix")), .statedTotals: types(["boolean"]),
        ], required: [.kind, .issuer, .signature])
        // Document settings (pages printed on both sides) pass through every model's view.
        if case .object(var properties)? = root["properties"] {
            properties[DocumentSettings.dataKey] = DocumentSettings.schema
            root["properties"] = .object(properties)
        }
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["title"] = .string("Official report (docfill --model official-report)")
        root["$defs"] = .object(definitions)
        return .object(root)
    }

    static var definitions: [String: Value] {
        [
            "Period": .object(object(ReportPeriod.CodingKeys.self, [.from: lenientText, .to: lenientText])),
            "Issuer": .object(object(ReportIssuer.CodingKeys.self, [
                .superior: optionalText, .nameLines: list(text), .nameInText: optionalText])),
            "Signature": .object(object(ReportSignature.CodingKeys.self, [
                .authority: text, .title: text, .name: text, .signatureImage: optionalText, .sealImage: optionalText])),
            "Part": .object(object(ReportPart.CodingKeys.self, [.title: text, .sections: list(ref("Section"))])),
            "Section": .object(object(ReportSection.CodingKeys.self, [
                .title: text, .items: list(ref("Item")), .subsections: list(ref("Subsection"))])),
            "Subsection": .object(object(ReportSubsection.CodingKeys.self, [.title: text, .items: list(ref("Item"))])),
            "Item": .object(object(ReportItem.CodingKeys.self, [
                .number: lenientText, .text: optionalText, .bulletMarker: optionalText, .bullets: list(ref("Bullet"))])),
            "Bullet": .object(object(ReportBullet.CodingKeys.self, [
                .text: text, .marker: optionalText, .bullets: list(ref("Bullet"))])),
            "Appendix": .object(object(Appendix.CodingKeys.self, [
                .title: text, .subtitle: optionalText, .columns: list(list(ref("HeaderCell"))),
                .rows: list(ref("TableRow")), .totalRow: nullable(ref("TotalRowConfig")),
                .statedTotal: nullable(ref("TableRow")), .notes: list(text)])),
            "HeaderCell": .object(object(AppendixHeaderCell.CodingKeys.self, [
                .text: lenientText, .colspan: integer, .rowspan: integer])),
            "TableRow": .object(object(AppendixRow.CodingKeys.self, [.label: lenientText, .cells: list(ref("Cell"))])),
            // AppendixCell decodes from a single value, so it has no keys.
            "Cell": types(["null", "number", "string"]),
            "TotalRowConfig": .object(object(TotalRowConfig.CodingKeys.self, [
                .label: text, .columns: nullable(list(integer)), .exclude: list(integer),
                .percent: list(ref("PercentRule")), .groupThousands: types(["boolean"])])),
            "PercentRule": .object(object(PercentRule.CodingKeys.self, [
                .column: integer, .numerator: integer, .denominator: integer, .decimals: integer],
                required: [.column, .numerator, .denominator])),
        ]
    }

    static let text = types(["string"])
    static let optionalText = types(["null", "string"])
    /// `decodeLenientString`: an unquoted `05` or `2023` is read as text.
    static let lenientText = types(["null", "number", "string"])
    static let integer = types(["integer"])

    static func types(_ names: [String]) -> Value {
        .object(["type": names.count == 1 ? .string(names[0]) : .array(names.map(Value.string))])
    }
    static func ref(_ name: String) -> Value { .object(["$ref": .string("#/$defs/\(name)")]) }
    static func list(_ items: Value) -> Value { .object(["type": .string("array"), "items": items]) }
    static func nullable(_ schema: Value) -> Value { .object(["anyOf": .array([types(["null"]), schema])]) }

    /// An object schema whose property names are the coding keys' strings. A key left out
    /// would refuse valid data; ReportSchemaTests validates a fully populated report to catch it.
    static func object<K: CodingKey & Hashable>(_: K.Type, _ properties: [K: Value],
                                                required: [K] = []) -> [String: Value] {
        var object: [String: Value] = [
            "type": .string("object"),
            "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.key.stringValue, $0.value) })),
            "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { object["required"] = .array(required.map(\.stringValue).sorted().map(Value.string)) }
        return object
    }
}

