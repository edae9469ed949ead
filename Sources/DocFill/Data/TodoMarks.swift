import Foundation

/// To-do marks: a string value that is exactly `TODO`, or starts with `TODO:` followed by a
/// note (`TODO: số liệu năm 2024`), marks a value that must be entered before the data is
/// final. `check` and `render` refuse data holding one (`open_todo`, one diagnostic per mark
/// with its data path and, when known, file:line); a draft renders each visibly instead, as
/// `[TODO]` or `[TODO: note]`, with an `open_todo` warning.
public enum TodoMarks {
    /// One to-do mark found in the data.
    public struct Mark: Sendable, Hashable {
        /// Data path, e.g. `appendices[1].rows[0].cells[3]`.
        public var path: String
        /// The note after `TODO:`, trimmed; empty for a bare `TODO`.
        public var note: String
        /// Where the mark was written (file, line, column), when the data came from a file.
        public var location: SourceLocation
    }

    /// The note of a to-do mark, or nil if `text` is not one.
    public static func note(_ text: String) -> String? {
        // Cheap exit first: this runs on every string of the data.
        guard holdsTODO(text) else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "TODO" { return "" }
        guard t.hasPrefix("TODO:") else { return nil }
        return String(t.dropFirst(5)).trimmingCharacters(in: .whitespaces)
    }

    /// Whether `text` holds the bytes of `TODO`, without copying it.
    static func holdsTODO(_ text: String) -> Bool {
        var text = text
        // An index loop over the contiguous UTF-8 (this runs on every string of the data),
        // looking at the three bytes after a `T` only.
        return text.withUTF8 { b in
            guard b.count >= 4 else { return false }
            var i = 0
            let last = b.count - 4
            while i <= last {
                if b[i] == 0x54, b[i + 1] == 0x4F, b[i + 2] == 0x44, b[i + 3] == 0x4F { return true }
                i += 1
            }
            return false
        }
    }

    /// Every mark in `value`, in document order (by place, then path).
    public static func find(in value: Value, places: [String: SourceLocation] = [:], file: String? = nil) -> [Mark] {
        var marks: [Mark] = []
        // The path as steps, spelled out only for a mark: this walks every value of the data.
        // The walk's order does not matter: the marks are sorted by place and path after.
        var steps: [(key: String?, index: Int)] = []
        func walk(_ v: Value) {
            switch v {
            case .string(let s):
                if let note = note(s) {
                    let path = steps.reduce("") { p, step in step.key.map { DataPath.key(p, $0) } ?? DataPath.index(p, step.index) }
                    marks.append(Mark(path: path, note: note, location: places[path] ?? SourceLocation(file: file)))
                }
            case .array(let items):
                for (i, item) in items.enumerated() { steps.append((nil, i)); walk(item); steps.removeLast() }
            case .object(let o):
                for (key, child) in o { steps.append((key, 0)); walk(child); steps.removeLast() }
            default: break
            }
        }
        walk(value)
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
