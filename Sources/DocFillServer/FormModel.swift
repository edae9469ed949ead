import DocFill
import Foundation

/// A data file's form as a flat list of items (headings, fields, tables, buttons) for the
/// `form` page template: Mustache has no recursion worth the name, so the nesting (parts →
/// sections → paragraphs → bullets, lists of objects) is walked here. Field names are data
/// paths; check messages are placed next to the field whose path they name, or under the
/// nearest heading above it.
struct FormModel {
    var items: [[String: Any]] = []
    let texts: [String: String]
    /// Check messages by the data path they concern.
    let notes: [String: [[String: Any]]]
    /// Paths whose messages found a place in the form.
    private(set) var placed = Set<String>()
    /// The data, to mark the fields holding a to-do.
    let data: Value

    init(data: Value, texts: [String: String], notes: [String: [[String: Any]]]) {
        self.data = data; self.texts = texts; self.notes = notes
    }

    /// A label from the page texts, or the key itself.
    func label(_ key: String) -> String { texts[key] ?? key }

    /// A heading; `path` gives it an anchor and the messages of its own path.
    mutating func heading(_ text: String, level: Int, path: DataPath? = nil, buttons: [[String: String]] = []) {
        var item: [String: Any] = ["isHeading": true, "text": text, "h2": level <= 2, "h3": level == 3, "h4": level >= 4,
                                   "buttons": buttons]
        if let path {
            item["anchor"] = Self.anchor(path)
            item["notes"] = take(path)
        }
        items.append(item)
    }

    /// A text field for the value at `path`.
    mutating func field(_ path: DataPath, label: String, multiline: Bool = false, depth: Int = 0, hint: String? = nil,
                        buttons: [[String: String]] = []) {
        let value = DataEdits.get(data, path)
        let text = Self.text(value)
        let fieldNotes = take(path)
        let isTodo = TodoMarks.note(text) != nil
        var cls = ["field", "depth-\(min(depth, 3))"]
        if fieldNotes.contains(where: { $0["severity"] as? String == "error" }) { cls.append("has-error") }
        else if fieldNotes.contains(where: { $0["severity"] as? String == "warning" }) { cls.append("has-warning") }
        if isTodo { cls.append("todo") }
        items.append(["isField": true, "name": path.description, "id": Self.anchor(path), "label": label, "value": text,
                      "multiline": multiline || text.count > 90 || text.contains("\n"), "notes": fieldNotes, "cls": cls.joined(separator: " "),
                      "todo": isTodo, "hint": hint ?? "", "hasHint": hint != nil, "buttons": buttons])
    }

    /// A picture field for the value at `path`: its text (the path the data names, which may
    /// be edited or cleared), a file input uploading a new picture on save
    /// (`PictureFields.uploadPrefix` + path), and a thumbnail once `DataPages` finds the
    /// picture. A picture's object form (`{src, width_mm, height_mm}`) is edited by its `src`.
    mutating func picture(_ path: DataPath, label: String, depth: Int = 0, buttons: [[String: String]] = []) {
        let source = PictureFields.sourcePath(data, path)
        field(source, label: label, depth: depth, buttons: buttons)
        items[items.count - 1]["isPicture"] = true
        items[items.count - 1]["upload"] = PictureFields.uploadPrefix + source.description
        items[items.count - 1]["uploadID"] = Self.anchor(source) + "-upload"
    }

    /// A table of the list at `path`: a label column and data cells per row, editable, each row
    /// with a remove button, and a button adding a row.
    mutating func table(_ path: DataPath, header: [[[String: Any]]], rows: [(label: DataPath, cells: [DataPath])],
                        extra: [(title: String, label: DataPath?, cells: [DataPath])]) {
        func cell(_ p: DataPath) -> [String: Any] {
            let text = Self.text(DataEdits.get(data, p))
            let cellNotes = take(p)
            var cls = TodoMarks.note(text) != nil ? "todo" : ""
            if cellNotes.contains(where: { $0["severity"] as? String == "error" }) { cls += " has-error" }
            else if !cellNotes.isEmpty { cls += " has-warning" }
            return ["name": p.description, "id": Self.anchor(p), "value": text, "cls": cls, "notes": cellNotes]
        }
        let rowItems = rows.enumerated().map { (i, row) -> [String: Any] in
            ["label": cell(row.label), "cells": row.cells.map(cell), "number": i + 1,
             "remove": "remove:\(path.index(i))", "removeLabel": label("remove_row")]
        }
        let extraItems = extra.map { row -> [String: Any] in
            ["title": row.title, "label": row.label.map(cell) ?? [:], "hasLabel": row.label != nil, "cells": row.cells.map(cell)]
        }
        items.append(["isTable": true, "id": Self.anchor(path), "header": header.enumerated().map { ["cells": $1, "first": $0 == 0, "count": header.count] }, "rows": rowItems,
                      "extra": extraItems, "add": "add:\(path)", "addLabel": label("add_row"), "notes": take(path)])
    }

    /// The messages of `path`, marked as placed.
    mutating func take(_ path: DataPath) -> [[String: Any]] {
        let key = path.description
        guard let found = notes[key] else { return [] }
        placed.insert(key)
        return found
    }

    /// The paths with messages that no field or heading showed: shown under the first
    /// heading whose path is a prefix, by the page (`unplaced`).
    var unplaced: [String] { notes.keys.filter { !placed.contains($0) }.sorted() }

    /// An HTML id for a path: letters and digits kept, everything else `-`.
    static func anchor(_ path: DataPath) -> String {
        "f-" + String(path.description.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") ? Character($0) : "-" })
    }

    /// A scalar as the text of its field; a rich value as its markup.
    static func text(_ value: Value?) -> String {
        switch value {
        case nil, .null?: return ""
        case .object(let o)? where o.count == 1: if case .string(let s)? = o["md"] { return s }; return ""
        case let v?: return v.scalarText ?? ""
        }
    }

    /// A button of the form: it posts the form with `action`.
    static func button(_ action: String, _ label: String) -> [String: String] { ["action": action, "label": label] }
}
