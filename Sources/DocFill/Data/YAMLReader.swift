import Foundation
import Yams

/// YAML data: bounded by `YAMLNestingBound`, composed by Yams, converted to `Value` with
/// places by `YAMLConverter`.
extension DataLoader {
    static func parseYAML(_ text: String, file: String, limits: DataLimits,
                          places: PlaceRecording) throws -> (Value, PlaceTree) {
        try checkSize(text.utf8.count, limits, file)
        var text = text
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text = String(text.dropFirst()) }    // a byte order mark is not data
        // Bounds the depth and the number of scalars (or reports the syntax error) first.
        try text.withUTF8 { try YAMLNestingBound.check($0, file: file, limits: limits) }
        let node: Node?
        do {
            // No resolver rules: tags are resolved by `YAMLCoreSchema` while converting.
            node = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        guard let node else { return (.null, PlaceTree()) }    // an empty document
        var converter = YAMLConverter(file: file, maxDepth: limits.maxDepth, maxValues: limits.maxValues,
                                      budget: 100_000 + 4 * text.utf8.count, recordDepth: places.depth)
        var tree = PlaceTree()
        let value = try converter.value(node, depth: 0, tree: &tree)
        return (value, tree)
    }


    /// Yams' own errors: those of its composer (an undefined alias, more than one document).
    /// libyaml's reader, scanner and parser errors are reported by `YAMLEvents` first.
    private static func syntaxError(_ error: YamlError, file: String) -> DocFillError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return yamlSyntaxError(problem, context: context.map { ($0.text, $0.mark.line) },
                                   at: SourceLocation(file: file, line: mark.line, column: mark.column))
        default:
            return DocFillError("data_syntax", "invalid YAML: \(error)", at: SourceLocation(file: file))
        }
    }

    /// The one wording of a YAML syntax error: libyaml's problem, then what it was reading
    /// and the line where that started.
    static func yamlSyntaxError(_ problem: String, context: (text: String, line: Int)?,
                                at place: SourceLocation) -> DocFillError {
        let while_ = context.map { " (\($0.text), line \($0.line))" } ?? ""
        return DocFillError("data_syntax", "invalid YAML: \(problem)\(while_)", at: place)
    }
}

// MARK: - YAML to Value

/// Converts Yams' node tree using the resolved tags. It checks depth again (aliases can nest
/// deeper than the text shows) and counts nodes, so aliases cannot expand exponentially.
private struct YAMLConverter {
    let file: String
    let maxDepth: Int
    let maxValues: Int
    var budget: Int
    /// Containers nested less deep than this record where their values start.
    var recordDepth = 0
    var values = 0

    private func at(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    mutating func value(_ node: Node, depth: Int) throws -> Value {
        var ignored = PlaceTree()
        return try value(node, depth: depth, tree: &ignored)
    }

    /// The value of `node`; `tree` gets the places of its items when `depth < recordDepth`.
    mutating func value(_ node: Node, depth: Int, tree: inout PlaceTree) throws -> Value {
        if depth == 0, recordDepth > 0 { tree.place = at(node) }
        let record = depth < recordDepth
        budget -= 1
        guard budget >= 0 else {
            throw DocFillError("data_too_large", "aliases expand the data to too many values", at: at(node))
        }
        values += 1
        if values > maxValues {
            var limits = DataLimits(); limits.maxValues = maxValues
            throw DataLoader.tooManyValues(limits, at: at(node))
        }
        switch node {
        case .scalar(let s): return try scalar(s, node)
        case .sequence(let seq):
            try checkDepth(depth, node)
            return .array(try seq.map { item in
                var child = PlaceTree(place: record ? at(item) : nil)
                let v = try value(item, depth: depth + 1, tree: &child)
                if record { tree.items.append(child) }
                return v
            })
        case .mapping(let map):
            try checkDepth(depth, node)
            var out: [String: Value] = [:]
            var keyNodes: [String: Node] = [:]
            var merged: [[String: Value]] = []
            for (k, v) in map {
                if YAMLCoreSchema.tag(of: k) == .merge {
                    switch try value(v, depth: depth) {
                    case .object(let o): merged.append(o)
                    case .array(let list) where list.allSatisfy({ if case .object = $0 { true } else { false } }):
                        for case .object(let o) in list { merged.append(o) }
                    default:
                        throw DocFillError("data_syntax", "'<<' must be followed by a mapping or a list of mappings", at: at(v))
                    }
                } else {
                    guard case .scalar(let ks) = k else {
                        throw DocFillError("data_syntax", "a mapping key must be a scalar, not a list or mapping", at: at(k))
                    }
                    let key = DataLoader.nfc(ks.string)
                    if let first = keyNodes.updateValue(k, forKey: key) {
                        throw DocFillError("duplicate_key", DataLoader.duplicateKeyMessage(key, first: at(first)), at: at(k))
                    }
                    var child = PlaceTree(place: record ? at(k) : nil)
                    out[key] = try value(v, depth: depth + 1, tree: &child)
                    if record { tree.keys[key] = child }
                }
            }
            // Merge keys (`<<: *defaults`): explicit keys win, then earlier sources.
            for source in merged { out.merge(source) { current, _ in current } }
            return .object(out)
        }
    }

    private func checkDepth(_ depth: Int, _ node: Node) throws {
        guard depth >= maxDepth else { return }
        throw DataLoader.tooDeep(maxDepth, at: at(node))
    }

    private func scalar(_ s: Node.Scalar, _ node: Node) throws -> Value {
        let text = s.string
        switch YAMLCoreSchema.tag(of: s) {
        case .null: return .null
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw DocFillError("data_syntax", "'\(text)' is not a boolean", at: at(node))
            }
        case .int:
            if let n = Self.integer(text) { return .int(n) }
            return .string(text)    // too large for Int: the digits as written (see `DataLoader`)
        case .float:
            let special = text.lowercased().trimmingCharacters(in: ["+", "-"])    // .inf, .nan
            guard let d = special == ".inf" ? .infinity : special == ".nan" ? .nan : Double(text) ?? Double(text + "0") else {
                throw DocFillError("data_syntax", "'\(text)' is not a number", at: at(node))
            }
            guard d.isFinite else {
                throw DocFillError("invalid_data", "'\(text)' is not a finite number", at: at(node))
            }
            return .double(d)
        default:
            return .string(DataLoader.nfc(text))    // str, timestamps, binary, custom tags
        }
    }

    /// Decimal, `0x` hexadecimal and `0o` octal, with an optional sign.
    private static func integer(_ text: String) -> Int? {
        var t = Substring(text), negative = false
        if let f = t.first, f == "-" || f == "+" { negative = f == "-"; t = t.dropFirst() }
        var radix = 10
        if t.hasPrefix("0x") { radix = 16; t = t.dropFirst(2) } else if t.hasPrefix("0o") { radix = 8; t = t.dropFirst(2) }
        guard !t.isEmpty, !t.hasPrefix("-"), !t.hasPrefix("+") else { return nil }
        return Int(negative ? "-" + t : String(t), radix: radix)
    }
}
