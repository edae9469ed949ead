/// Finds data keys a JSON Schema does not allow (`additionalProperties: false`), following
/// `properties`, `items`, `anyOf` and local `$ref`s (`#/$defs/Name`). Only keys are
/// checked, not types: it names the keys a typed model would silently drop.
public enum SchemaKeys {
    /// Paths of the unknown keys, `[]` standing for every item of a list, each once.
    public static func unknownKeys(in data: Value, schema: Value) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        func resolve(_ s: Value) -> Value {
            if case .string(let ref)? = s["$ref"], ref.hasPrefix("#/$defs/"),
               let target = schema["$defs"]?[String(ref.dropFirst("#/$defs/".count))] {
                return resolve(target)
            }
            return s
        }
        func visit(_ value: Value, _ s: Value, _ path: String) {
            let s = resolve(s)
            if case .array(let options)? = s["anyOf"] {
                // Every alternative that describes members or items (here: null or one schema).
                for option in options.map(resolve) where option["properties"] != nil || option["items"] != nil {
                    visit(value, option, path)
                }
                return
            }
            switch value {
            case .object(let object):
                let properties = s["properties"]
                for key in object.keys.sorted() {
                    let p = path.isEmpty ? key : path + "." + key
                    if let sub = properties?[key] { visit(object[key]!, sub, p) }
                    else if s["additionalProperties"] == .bool(false), seen.insert(p).inserted { found.append(p) }
                }
            case .array(let items):
                if let sub = s["items"] { for item in items { visit(item, sub, path + "[]") } }
            default:
                break
            }
        }
        visit(data, schema, "")
        return found
    }
}
