import DocFill
import Foundation

/// The form of a template without a model: generated from the JSON Schema `docfill schema`
/// infers from its tags. Objects are groups of fields, lists have a remove and a move-up
/// button per item and an add button, pictures an upload, scalars are text fields (numbers
/// and booleans keep their kind when saved, `DataEdits.coerce`). A data file whose top level
/// is a list (records for `docfill batch`) is a list editor whose items each follow the
/// template's schema, and is saved back as a list.
enum SchemaForm {
    static func build(_ form: inout FormModel, schema: Value) {
        let definitions = schema["$defs"] ?? .object([:])
        if case .array = form.data {
            form.heading(form.label("list_title"), level: 2)
            list(&form, item: schema, definitions: definitions, path: .root, title: form.label("list_item"), depth: 0)
        } else {
            walk(&form, schema: schema, definitions: definitions, path: .root, title: nil, depth: 0)
        }
    }

    /// A new item for the list at `list` when there is none to copy: the schema's item, an
    /// object with each of its properties empty (texts empty, lists without items, booleans
    /// false); nil when the schema does not describe a list there.
    static func newItem(schema: Value, list: DataPath) -> Value? {
        let definitions = schema["$defs"] ?? .object([:])
        var current = resolved(schema, definitions)
        var steps = list.steps[...]
        // A data file that is a list holds one document's data per item (`docfill batch`):
        // the schema is an item's.
        if current["items"] == nil {
            guard let first = steps.first else { return empty(current, definitions, depth: 0) }
            if case .index = first { steps = steps.dropFirst() }
        }
        for step in steps {
            switch step {
            case .key(let key): guard let next = current["properties"]?[key] else { return nil }; current = resolved(next, definitions)
            case .index: guard let next = current["items"] else { return nil }; current = resolved(next, definitions)
            }
        }
        guard let item = current["items"] else { return nil }
        return empty(resolved(item, definitions), definitions, depth: 0)
    }

    private static func empty(_ schema: Value, _ definitions: Value, depth: Int) -> Value {
        let types = types(schema)
        if SchemaInference.describesPicture(schema) { return .string("") }
        // A section's value may be a list, an object or false: an object where it has fields
        // (a rich text's `md` is text), else an empty list.
        if depth < 8, types.isEmpty || types.contains("object"), case .object(let properties)? = schema["properties"],
           !(properties.count == 1 && properties[Value.richKey] != nil) {
            return .object(properties.mapValues { empty(resolved($0, definitions), definitions, depth: depth + 1) })
        }
        if types.contains("array") { return .array([]) }
        return types == ["boolean"] ? .bool(false) : .string("")
    }

    /// The JSON types a schema allows (`type` as one name or a list); empty when it names none.
    static func types(_ schema: Value) -> [String] {
        switch schema["type"] {
        case .string(let t)?: return [t]
        case .array(let list)?: return list.compactMap(\.scalarText)
        default: return []
        }
    }

    /// The kind a value at `path` is edited as: the schema's one kind, or, when it allows
    /// several (an inferred schema often does: a section's value may be a list, an object or
    /// false), the kind of the value the data holds there.
    static func kind(_ schema: Value, data: Value?) -> String {
        if SchemaInference.describesPicture(schema) { return "picture" }
        let kinds = types(schema)
        switch data {
        case .array?: if kinds.isEmpty || kinds.contains("array") { return "array" }
        case .object(let o)?:
            let isRich = o.count == 1 && o[Value.richKey] != nil
            if !isRich, kinds.isEmpty || kinds.contains("object") { return "object" }
        default: break
        }
        if kinds == ["object"] || kinds == ["array"] { return kinds[0] }
        return "scalar"
    }

    /// `schema` with its `$ref` (into `$defs`, the only references an inferred schema has)
    /// merged in: the reference's members, the schema's own kinds.
    static func resolved(_ schema: Value, _ definitions: Value) -> Value {
        guard case .string(let reference)? = schema["$ref"], reference.hasPrefix("#/$defs/"),
              case .object(let target)? = definitions[String(reference.dropFirst("#/$defs/".count))],
              case .object(var own) = schema else { return schema }
        own["$ref"] = nil
        for (key, value) in target where own[key] == nil { own[key] = value }
        return .object(own)
    }

    static func walk(_ form: inout FormModel, schema raw: Value, definitions: Value, path: DataPath, title: String?, depth: Int) {
        let schema = resolved(raw, definitions)
        switch kind(schema, data: DataEdits.get(form.data, path)) {
        case "object":
            if let title { form.heading(title, level: min(2 + depth, 4), path: path) }
            let properties: [String: Value]
            if case .object(let p)? = schema["properties"] { properties = p } else { properties = [:] }
            // The object's own fields first, then its groups and lists: a field after a
            // group would read as the group's.
            let data = DataEdits.get(form.data, path)
            let order = properties.keys.sorted().map { key in
                (key, ["object", "array"].contains(kind(resolved(properties[key]!, definitions), data: data?[key])))
            }
            for (key, _) in order.filter({ !$0.1 }) + order.filter(\.1) {
                walk(&form, schema: properties[key]!, definitions: definitions, path: path.key(key), title: key,
                     depth: depth + (title == nil ? 0 : 1))
            }
        case "array":
            form.heading(title ?? path.description, level: min(2 + depth, 4), path: path)
            list(&form, item: resolved(schema["items"] ?? .object([:]), definitions), definitions: definitions, path: path,
                 title: title ?? "", depth: depth)
        case "picture":
            form.picture(path, label: title ?? path.description, depth: depth)
        default:
            form.field(path, label: title ?? path.description, depth: depth)
        }
    }

    /// The items of the list at `path`, each by `item`, with move-up and remove buttons, and
    /// a button adding one (like the last, emptied; `DataEdits.act`).
    static func list(_ form: inout FormModel, item: Value, definitions: Value, path: DataPath, title: String, depth: Int) {
        let items = ReportForm.items(DataEdits.get(form.data, path))
        for i in items.indices {
            let buttons = [FormModel.button("up:\(path.index(i))", form.label("move_up")),
                           FormModel.button("remove:\(path.index(i))", form.label("remove"))]
            if kind(item, data: items[i]) == "object" {
                form.heading("\(title) \(i + 1)", level: min(3 + depth, 4), path: path.index(i), buttons: buttons)
                walk(&form, schema: item, definitions: definitions, path: path.index(i), title: nil, depth: depth + 1)
            } else {
                form.field(path.index(i), label: "\(title) \(i + 1)", depth: depth, buttons: buttons)
            }
        }
        form.items.append(["isButtons": true, "buttons": [FormModel.button("add:\(path)", form.label("add_item"))]])
    }
}
