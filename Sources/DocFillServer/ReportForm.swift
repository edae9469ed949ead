import DocFill
import Foundation

/// The official report's editor: header fields, number and date, parts → sections →
/// paragraphs and bullets (text with the markers `*italic*` and `**bold**`), closing,
/// recipients, signature, and each appendix as an editable table. Walks the data as written
/// (the keys of the `official-report` model), so every field is a data path of the file.
enum ReportForm {
    static func build(_ form: inout FormModel) {
        let root = DataPath.root
        form.heading(form.label("r_header"), level: 2, path: nil)
        form.field(root.key("kind"), label: form.label("r_kind"), hint: form.label("r_kind_hint"))
        form.field(root.key("issuer").key("superior"), label: form.label("r_superior"))
        list(&form, root.key("issuer").key("name_lines"), label: form.label("r_name_line"))
        form.field(root.key("issuer").key("name_in_text"), label: form.label("r_name_in_text"))
        form.field(root.key("number"), label: form.label("r_number"), hint: form.label("r_number_hint"))
        form.field(root.key("symbol"), label: form.label("r_symbol"))
        form.field(root.key("place"), label: form.label("r_place"))
        form.field(root.key("date"), label: form.label("r_date"), hint: dateHint(form.data["date"]))
        if DataEdits.get(form.data, root.key("period")) != nil {
            form.field(root.key("period").key("from"), label: form.label("r_period_from"), hint: dateHint(form.data["period"]?["from"]))
            form.field(root.key("period").key("to"), label: form.label("r_period_to"), hint: dateHint(form.data["period"]?["to"]))
        }
        form.field(root.key("document_type"), label: form.label("r_document_type"))
        form.field(root.key("subject"), label: form.label("r_subject"), multiline: true)

        form.heading(form.label("r_body"), level: 2, path: root.key("parts"))
        for (p, part) in items(form.data["parts"]).enumerated() {
            let partPath = root.key("parts").index(p)
            form.heading("\(form.label("r_part")) \(p + 1)", level: 3, path: partPath)
            form.field(partPath.key("title"), label: form.label("r_part_title"), multiline: true)
            for (s, section) in items(part["sections"]).enumerated() {
                let sectionPath = partPath.key("sections").index(s)
                form.heading("\(roman(s + 1)). \(FormModel.text(section["title"]))", level: 4, path: sectionPath)
                form.field(sectionPath.key("title"), label: form.label("r_section_title"))
                paragraphs(&form, sectionPath.key("items"), section["items"])
                for (u, subsection) in items(section["subsections"]).enumerated() {
                    let subPath = sectionPath.key("subsections").index(u)
                    form.field(subPath.key("title"), label: "\(u + 1). \(form.label("r_subsection_title"))", depth: 1)
                    _ = subsection
                    paragraphs(&form, subPath.key("items"), subsection["items"], depth: 1)
                }
            }
        }
        form.field(root.key("closing"), label: form.label("r_closing"), multiline: true)

        form.heading(form.label("r_recipients"), level: 2, path: root.key("recipients"))
        list(&form, root.key("recipients"), label: form.label("r_recipient"))
        form.field(root.key("archive"), label: form.label("r_archive"))

        form.heading(form.label("r_signature"), level: 2, path: root.key("signature"))
        for key in ["authority", "title", "name"] {
            form.field(root.key("signature").key(key), label: form.label("r_sig_" + key))
        }
        for key in ["signature_image", "seal_image"] {
            form.picture(root.key("signature").key(key), label: form.label("r_sig_" + key))
        }

        for (a, appendix) in items(form.data["appendices"]).enumerated() {
            let path = root.key("appendices").index(a)
            form.heading("\(form.label("r_appendix")) \(a + 1)", level: 2, path: path)
            form.field(path.key("title"), label: form.label("r_appendix_title"), multiline: true)
            if appendix["subtitle"] != nil { form.field(path.key("subtitle"), label: form.label("r_appendix_subtitle")) }
            appendixTable(&form, path, appendix)
            for (n, _) in items(appendix["notes"]).enumerated() {
                form.field(path.key("notes").index(n), label: form.label("r_appendix_note"), multiline: true)
            }
        }
    }

    /// The paragraphs of a section or subsection, each with its bullets (nested to any depth).
    static func paragraphs(_ form: inout FormModel, _ path: DataPath, _ list: Value?, depth: Int = 0) {
        for (i, item) in items(list).enumerated() {
            let itemPath = path.index(i)
            if item["number"] != nil { form.field(itemPath.key("number"), label: form.label("r_item_number"), depth: depth) }
            if item["text"] != nil || item["bullets"] == nil {
                form.field(itemPath.key("text"), label: form.label("r_paragraph"), multiline: true, depth: depth)
            }
            bullets(&form, itemPath.key("bullets"), item["bullets"], depth: depth + 1)
        }
    }

    static func bullets(_ form: inout FormModel, _ path: DataPath, _ list: Value?, depth: Int) {
        for (b, bullet) in items(list).enumerated() {
            form.field(path.index(b).key("text"), label: form.label("r_bullet"), multiline: true, depth: depth)
            bullets(&form, path.index(b).key("bullets"), bullet["bullets"], depth: depth + 1)
        }
    }

    /// A list of lines (name lines, recipients): a field each with a remove button, and an add button.
    static func list(_ form: inout FormModel, _ path: DataPath, label: String) {
        let count = items(DataEdits.get(form.data, path)).count
        for i in 0..<count {
            form.field(path.index(i), label: "\(label) \(i + 1)", buttons: [FormModel.button("remove:\(path.index(i))", form.label("remove"))])
        }
        form.items.append(["isButtons": true, "buttons": [FormModel.button("add:\(path)", form.label("add_line"))]])
    }

    /// An appendix as a table: its header rows as written (spans kept), its rows editable,
    /// the stated total (when the data states one) below them.
    static func appendixTable(_ form: inout FormModel, _ path: DataPath, _ appendix: Value) {
        let header = items(appendix["columns"]).map { row in
            items(row).map { cell -> [String: Any] in
                ["text": FormModel.text(cell["text"] ?? cell), "colspan": intValue(cell["colspan"]), "rowspan": intValue(cell["rowspan"])]
            }
        }
        let rows = items(appendix["rows"]).enumerated().map { (r, row) in
            (label: path.key("rows").index(r).key("label"),
             cells: items(row["cells"]).indices.map { path.key("rows").index(r).key("cells").index($0) })
        }
        var extra: [(title: String, label: DataPath?, cells: [DataPath])] = []
        if let stated = appendix["stated_total"] {
            extra.append((form.label("r_stated_total"), stated["label"] != nil ? path.key("stated_total").key("label") : nil,
                          items(stated["cells"]).indices.map { path.key("stated_total").key("cells").index($0) }))
        }
        form.table(path.key("rows"), header: header, rows: rows, extra: extra)
    }

    static func items(_ value: Value?) -> [Value] {
        if case .array(let a)? = value { return a }
        return []
    }

    static func intValue(_ value: Value?) -> Int {
        if case .int(let i)? = value { return i }
        return 1
    }

    /// An ISO date in the Vietnamese words of a date line: `ngày 15 tháng 8 năm 2023`.
    static func dateHint(_ value: Value?) -> String? {
        guard let text = value?.scalarText, let d = VietnameseFormat.parseDate(text) else { return nil }
        return VietnameseFormat.dateText(day: d.day, month: d.month, year: d.year)
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, s = ""
        for (v, r) in table { while n >= v { s += r; n -= v } }
        return s
    }
}
