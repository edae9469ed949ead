import Foundation

/// To-do marks: a string value that is exactly `TODO`, or starts with `TODO:` followed by a
/// note (`TODO: số liệu năm 2024`), marks a value that must be entered before the data is
/// final. `check` and `render` refuse data holding one (`open_todo`, one diagnostic per mark
/// with its data path and, when known, file:line); a draft renders each visibly instead, as
/// `[TODO]` or `[TODO: note]`, with an `open_todo` warning.
public enum TodoMarks {
    public struct Mark: Sendable, Hashable {
        /// Data path, e.g. `appendices[1].rows[0].cells[3]`.
        public var path: String
        /// The note after `TODO:`, trimmed; empty for a bare `TODO`.
        public var note: String
        public var location: SourceLocation
    }

    /// The note of a to-do mark, or nil if `text` is not one.
    public static func note(_ text: String) -> String? {
        // Cheap exit first: this runs on every string of the data.
        guard text.utf8.count >= 4, text.utf8.contains(UInt8(ascii: "T")), text.range(of: "TODO") != nil else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "TODO" { return "" }
        guard t.hasPrefix("TODO:") else { return nil }
        return String(t.dropFirst(5)).trimmingCharacters(in: .whitespaces)
    }

    /// Every mark in `value`, in document order (by place, then path).
    public static func find(in value: Value, places: [String: SourceLocation] = [:], file: String? = nil) -> [Mark] {
        var marks: [Mark] = []
        func walk(_ v: Value, _ path: String) {
            switch v {
            case .string(let s):
                if let note = note(s) {
                    marks.append(Mark(path: path, note: note, location: places[path] ?? SourceLocation(file: file)))
                }
            case .array(let items):
                for (i, item) in items.enumerated() { walk(item, DataPath.index(path, i)) }
            case .object(let o):
                for key in o.keys.sorted() { walk(o[key]!, DataPath.key(path, key)) }
            default: break
            }
        }
        walk(value, "")
        return marks.sorted { a, b in
            let ka = (a.location.file ?? "", a.location.line ?? 0, a.location.column ?? 0)
            let kb = (b.location.file ?? "", b.location.line ?? 0, b.location.column ?? 0)
            return ka != kb ? ka < kb : a.path < b.path
        }
    }

    /// One `open_todo` diagnostic per mark: errors, or warnings for a draft.
    public static func diagnostics(_ marks: [Mark], draft: Bool) -> [Diagnostic] {
        marks.map { mark in
            let what = mark.note.isEmpty ? "" : " (\(mark.note))"
            let tail = draft ? "shown as \(shown(mark.note)) in the draft" : "enter the value, or render a draft with --draft"
            return Diagnostic("open_todo", "\(mark.path): still to do\(what); \(tail)", at: mark.location,
                              severity: draft ? .warning : .error)
        }
    }

    /// The data with every mark replaced by its visible form, `[TODO]` or `[TODO: note]`.
    public static func draft(_ value: Value) -> Value {
        switch value {
        case .string(let s): return note(s).map { .string(shown($0)) } ?? value
        case .array(let items): return .array(items.map(draft))
        case .object(let o): return .object(o.mapValues(draft))
        default: return value
        }
    }

    static func shown(_ note: String) -> String { note.isEmpty ? "[TODO]" : "[TODO: \(note)]" }
}
