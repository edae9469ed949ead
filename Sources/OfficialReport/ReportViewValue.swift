import DocFill

// The template data built straight as a `Value`: what `ValueEncoder` makes of the views (the
// same keys, nil as null, text in NFC; the keys of `layout`, `head` and `col` are ASCII, so
// already NFC; the model's own types, such as `ReportIssuer`, still go through the encoder). Encoding the views took most of preparing the model: each view type's first
// encoding instantiates Codable's generic containers at run time. `ReportViewValueTests`
// checks that the two agree.

extension ReportView {
    func value() throws -> Value {
        let encoder = ValueEncoder()
        return .object([
            "kind": .text(kind.rawValue), "is_party": .bool(isParty), "is_state": .bool(isState),
            "national_heading": texts(nationalHeading), "issuer": try encoder.encode(issuer), "issuer_name": .text(issuerName),
            "number": .text(number), "symbol": .text(symbol), "number_line": .text(numberLine), "place": .text(place),
            "date": .text(date), "day": .text(day), "month": .text(month), "year": .text(year), "date_line": .text(dateLine),
            "period": try period.map { try encoder.encode($0) } ?? .null, "period_text": orNull(periodText),
            "document_type": .text(documentType), "subject": subject.value, "parts": .array(parts.map(\.value)),
            "closing": closing?.value ?? .null, "recipients_label": .text(recipientsLabel), "recipients": texts(recipients),
            "archive": orNull(archive), "recipient_lines": texts(recipientLines), "signature": try encoder.encode(signature),
            "appendices": .array(try appendices.map { try $0.value(encoder) }),
        ])
    }
}

extension ReportPartView {
    var value: Value {
        .object(["index": .int(index), "roman": .text(roman), "label": .text(label), "title": .text(title),
                 "title_lines": texts(titleLines), "sections": .array(sections.map(\.value))])
    }
}

extension ReportSectionView {
    var value: Value {
        .object(["index": .int(index), "roman": .text(roman), "heading": .text(heading), "title": .text(title),
                 "items": .array(items.map(\.value)), "subsections": .array(subsections.map(\.value))])
    }
}

extension ReportSubsectionView {
    var value: Value {
        .object(["index": .int(index), "heading": .text(heading), "title": .text(title), "items": .array(items.map(\.value))])
    }
}

extension ReportItemView {
    var value: Value {
        .object(["number": orNull(number), "text": text.value, "display": display.value, "has_text": .bool(hasText),
                 "bullets": .array(bullets.map(\.value))])
    }
}

extension ReportBulletView {
    var value: Value {
        .object(["level": .int(level), "marker": .text(marker), "text": text.value, "display": display.value,
                 "bullets": .array(bullets.map(\.value))])
    }
}

extension AppendixView {
    func value(_ encoder: ValueEncoder) throws -> Value {
        .object([
            "index": .int(index), "label": .text(label), "attachment_line": .text(attachmentLine), "title": .text(title),
            "title_lines": texts(titleLines), "subtitle": orNull(subtitle), "header_rows": try encoder.encode(headerRows),
            "column_count": .int(columnCount), "column_titles": texts(columnTitles), "rows": .array(rows.map(\.value)),
            "total_row": totalRow?.value ?? .null, "notes": texts(notes), "table": table.value,
            "head": .object(head.mapValues { .object($0.mapValues(Value.text)) }),
            "numeric": .object(numeric.mapValues(Value.bool)),
            "font_size": .int(fontSize), "column_widths": .array(columnWidths.map(Value.double)),
            "vertical_headers": .bool(verticalHeaders), "landscape": .bool(landscape),
        ])
    }
}

extension AppendixRowView {
    var value: Value {
        .object(["label": .text(label), "cells": .array(cells.map(\.value)), "all": .array(all.map(\.value)), "col": .object(col.mapValues(\.value)),
                 "is_total": .bool(isTotal)])
    }
}

private func orNull(_ s: String?) -> Value { s.map(Value.text) ?? .null }
private func texts(_ list: [String]) -> Value { .array(list.map(Value.text)) }
