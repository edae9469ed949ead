import Foundation

/// The form field a diagnostic concerns: a data path (`appendices[1].rows[2].cells[3]`,
/// 0-based as every data path) parsed into keys and indices, with one canonical spelling
/// (`description`) the form names its fields by, and an HTML-safe id.
///
/// Where the path comes from (`FieldKey.of`):
/// - the data's own findings (the model's, `open_todo`, `stale_year`) start their message
///   with the path: `appendices[5].stated_total.cells[0]: appendix 6 …`;
/// - `rich_markup` names it in `(data 'parts[0].text')`;
/// - a template's problem about a tag (`unknown_name`, `not_scalar`, `section_kind`,
///   `image_missing`…) names the tag: its name, under the list item being rendered when
///   there is one (`item items[1]` and `{{name}}` → `items[1].name`);
/// - anything else (a file's problem) concerns no field: nil, for the list at the top.
public struct FieldKey: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        /// An object's key.
        case key(String)
        /// A list's item, 0-based.
        case index(Int)
    }

    /// The steps, from the root.
    public let steps: [Step]

    /// Makes a key from steps.
    public init(steps: [Step]) { self.steps = steps }

    /// Parses a data path: keys (letters, digits, `_`, `-`, not starting with a digit or
    /// `-`) joined by `.`, items as `[i]`; nil for anything else.
    public init?(path: String) {
        var steps: [Step] = []
        var rest = Substring(path)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0,
                      rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isASCII) else { return nil }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            } else {
                if !steps.isEmpty {
                    guard rest.first == "." else { return nil }
                    rest = rest.dropFirst()
                }
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard let first = name.first, first.isASCII, first.isLetter || first == "_",
                      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
                steps.append(.key(String(name)))
                rest = rest[name.endIndex...]
            }
        }
        self.steps = steps
    }

    /// The canonical path: `appendices[1].rows[2].cells[3]`.
    public var description: String {
        var out = ""
        for step in steps {
            switch step {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }

    /// An HTML id for the field: `f-appendices.1.rows.2.cells.3` (letters, digits, `-`, `_`, `.`).
    public var htmlID: String {
        "f-" + steps.map { step -> String in
            switch step {
            case .key(let k): return k
            case .index(let i): return String(i)
            }
        }.joined(separator: ".")
    }

    /// The key one step up (`appendices[1].rows` for `appendices[1].rows[2]`), nil at the top:
    /// where a form without a field for this key shows the message.
    public var parent: FieldKey? { steps.count > 1 ? FieldKey(steps: Array(steps.dropLast())) : nil }

    /// The field `diagnostic` concerns, nil when it concerns none (see above).
    public static func of(_ diagnostic: Diagnostic) -> FieldKey? {
        let message = diagnostic.message
        if let range = message.range(of: "(data '"), let end = message[range.upperBound...].firstIndex(of: "'"),
           let key = FieldKey(path: String(message[range.upperBound..<end])) {
            return key
        }
        if let colon = message.range(of: ": "), let key = FieldKey(path: String(message[..<colon.lowerBound])) {
            return key
        }
        guard message.hasPrefix("'"), let quoted = message.dropFirst().split(separator: "'", maxSplits: 1).first else { return nil }
        // `unused_key` quotes the key's path; the others quote a tag.
        if diagnostic.code == "unused_key" { return FieldKey(path: String(quoted)) }
        guard let name = tagName(String(quoted)) else { return nil }
        if let item = diagnostic.location.authorPlace?.item, let itemKey = FieldKey(path: item) {
            return FieldKey(steps: itemKey.steps + name.steps)
        }
        return name
    }

    /// The data name a tag reads: `{{#items}}` → `items`, `{{ total | number }}` → `total`,
    /// `{{customer.name}}` → `customer.name`; nil for `.`, `@number` and other special names.
    static func tagName(_ tag: String) -> FieldKey? {
        // The delimiters are not known here: an opening run of brackets, then one sigil.
        var inner = Substring(tag)
        guard let open = inner.first, "{<[%$".contains(open) else { return nil }
        while let c = inner.first, "{<[%$".contains(c) { inner = inner.dropFirst() }
        inner = inner.drop { $0.isWhitespace }
        if let c = inner.first, "#^/&-".contains(c) { inner = inner.dropFirst() }
        inner = inner.drop { $0.isWhitespace }
        let name = inner.prefix { !$0.isWhitespace && $0 != "|" && !"}>]%".contains($0) }
        return FieldKey(path: String(name))
    }
}
