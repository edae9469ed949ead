import DocFill
import Foundation

/// The form of a template without a model: generated from the JSON Schema `docfill schema`
/// infers from its tags. Objects are groups of fields, lists have a remove and a move-up
/// button per item and an add button, scalars are text fields (numbers and booleans keep their
/// kind when saved, `DataEdits.coerce`).
enum SchemaForm {
    static func build(_ form: inout FormModel, schema: Value) {
        walk(&form, schema: schema, path: .root, title: nil, depth: 0)
    }

    static func walk(_ form: inout FormModel, schema: Value, path: DataPath, title: String?, depth: Int) {
        switch schema["type"]?.scalarText {
        case "object":
            if let title { form.heading(title, level: min(2 + depth, 4), path: path) }
            let properties: [String: Value]
            if case .object(let p)? = schema["properties"] { properties = p } else { properties = [:] }
            for key in properties.keys.sorted() {
                walk(&form, schema: properties[key]!, path: path.key(key), title: key, depth: depth + (title == nil ? 0 : 1))
            }
        case "array":
            form.heading(title ?? path.description, level: min(2 + depth, 4), path: path)
            let items = ReportForm.items(DataEdits.get(form.data, path))
            let itemSchema = schema["items"] ?? .object([:])
            for i in items.indices {
                let buttons = [FormModel.button("up:\(path.index(i))", form.label("move_up")),
                               FormModel.button("remove:\(path.index(i))", form.label("remove"))]
                if itemSchema["type"]?.scalarText == "object" {
                    form.heading("\(title ?? "") \(i + 1)", level: min(3 + depth, 4), path: path.index(i), buttons: buttons)
                    walk(&form, schema: itemSchema, path: path.index(i), title: nil, depth: depth + 1)
                } else {
                    form.field(path.index(i), label: "\(title ?? "") \(i + 1)", depth: depth, buttons: buttons)
                }
            }
            form.items.append(["isButtons": true, "buttons": [FormModel.button("add:\(path)", form.label("add_item"))]])
        default:
            form.field(path, label: title ?? path.description, depth: depth)
        }
    }
}
