/// Infers the JSON Schema (2020-12) of the data a template needs (`docfill schema`).
///
/// Names are attributed as Mustache looks them up: a name read inside a section belongs to
/// the section's item, unless an enclosing level reads the same name itself (then the
/// lookup finds it there, and strict rendering needs it only there). `required` lists the
/// names a strict render always reads: those read at a level outside any inverted section.
///
/// A section's schema says what renders without error: a section whose body reads names of
/// its item accepts a list of such objects, one such object, or `false`/`null` (which hide
/// it) — written as one schema whose `type` lists the kinds, with `items` for the list and
/// `properties` for the object, so editors complete both; `true` is accepted too, since it
/// renders the body once with the outer names. A section reading `.` iterates scalars; a
/// section reading nothing of its item is a condition and accepts anything.
public enum SchemaInference {
    /// A JSON Schema (2020-12) of the data the outlined template reads: what `docfill schema` prints.
    public static func schema(of outline: TagOutline) -> Value {
        let root = Shape()
        let rootNames = outline.parts.reduce(into: Set<String>()) { $0.formUnion(TagOutline.Node.levelNames($1.nodes)) }
        for part in outline.parts {
            walk(part.nodes, levels: [Level(shape: root, names: rootNames)], conditional: false)
        }
        let definitions = SchemaDefinitions()
        guard case .object(var object) = root.schema(path: "", definitions: definitions) else { return .null }
        object["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        if !definitions.schemas.isEmpty { object["$defs"] = .object(definitions.schemas) }
        object["type"] = .string("object")
        return .object(object)
    }

    /// Whether `schema` is one this inference writes for a picture tag's value (its object
    /// form `{src, width_mm, height_mm}` among the kinds): for a form to offer an upload there.
    public static func describesPicture(_ schema: Value) -> Bool {
        guard case .object(let properties)? = schema["properties"] else { return false }
        return Shape.pictureProperties.keys.allSatisfy { properties[$0] != nil }
    }

    struct Level { let shape: Shape; let names: Set<String> }

    static func walk(_ nodes: [TagOutline.Node], levels: [Level], conditional: Bool) {
        for node in nodes {
            switch node {
            case .tag(let info) where info.tag.isValue:
                guard let shape = use(info.tag, levels: levels, conditional: conditional) else { continue }
                // A filter may take any kind (`count` takes a list), so only a bare value is constrained.
                if info.isImage { shape.readAsPicture = true }
                else if let span = info.tag.cellSpan { shape.readAsSpan = span }
                else if info.tag.filters.isEmpty { shape.readAsValue = true }
            case .tag:
                continue
            case .section(let open, let body, _):
                let shape = use(open.tag, levels: levels, conditional: conditional)
                if open.tag.kind == .invertedOpen {
                    // Any kind can be tested for falsiness; the body reads the same level.
                    walk(body, levels: levels, conditional: true)
                } else if let shape, open.tag.filters.isEmpty {
                    shape.readAsSection = true
                    let item = shape.item ?? Shape()
                    shape.item = item
                    walk(body, levels: levels + [Level(shape: item, names: TagOutline.Node.levelNames(body))], conditional: false)
                } else {
                    // A filtered section iterates the filter's result: nothing is known of the item.
                    walk(body, levels: levels, conditional: true)
                }
            }
        }
    }

    /// The shape the tag's name reads, created as needed; nil for names not from the data.
    static func use(_ tag: TemplateTag, levels: [Level], conditional: Bool) -> Shape? {
        if tag.name == "." { return levels.count > 1 ? levels.last!.shape : nil }
        guard let first = TagOutline.Node.dataName(tag) else { return nil }
        let index = levels.firstIndex { $0.names.contains(first) } ?? levels.count - 1
        let owner = levels[index].shape
        if index == levels.count - 1 && !conditional { owner.required.insert(first) }
        var shape = owner.member(first)
        for component in tag.path.dropFirst() {
            shape.required.insert(String(component))
            shape = shape.member(String(component))
        }
        return shape
    }
}

/// What the template does with one value; becomes a schema once everything is read.
final class Shape {
    var members: [String: Shape] = [:]
    var required: Set<String> = []
    var readAsValue = false
    var readAsSection = false
    /// A placeholder picture's tag: a path, a data: URI, {src, width_mm, height_mm} or null/false.
    var readAsPicture = false
    /// A cell span tag's value (`{{~colspan n}}`): a number for a span or a width, any scalar
    /// for a merge; described in the schema.
    var readAsSpan: CellSpanKind?
    /// The context a section over this value pushes.
    var item: Shape?

    func member(_ name: String) -> Shape {
        if let m = members[name] { return m }
        let m = Shape(); members[name] = m; return m
    }

    static let scalar: Set<String> = ["boolean", "null", "number", "string"]
    /// What the schema says of a cell span tag's value.
    static let spanDescriptions: [CellSpanKind: String] = [
        .colspan: "table cell span: the grid columns the cell covers (0 drops the cell)",
        .rowspan: "table cell span: the rows the cell covers",
        .merge: "table cell merge: the cell merges with the one above when both have this same non-empty value",
        .width: "table column width: relative to the other columns, scaled to the table's width",
    ]
    /// What a value tag renders: a scalar, or a rich value's object form `{md: "…"}`.
    static let valueKinds = scalar.union(["object"])
    static let any: Set<String> = scalar.union(["array", "object"])
    /// What a picture tag renders without error (`true` too, which is `image_value`: a type
    /// list cannot leave it out).
    static let picture: Set<String> = ["boolean", "null", "object", "string"]
    /// The object form of a picture; sizes in mm as `ImageSize` bounds them.
    static let pictureProperties: [String: Value] = {
        let size: Value = .object(["type": .string("number"), "exclusiveMinimum": .int(0), "maximum": .int(Int(ImageSize.maxMM))])
        return ["src": .object(["type": .array([.string("null"), .string("string")])]), "width_mm": size, "height_mm": size]
    }()

    /// What the item of a section over this value must be, as constraints on the section.
    private var sectionKinds: Set<String> {
        guard let item, !item.members.isEmpty || item.readAsValue else { return Self.any }
        var kinds: Set<String> = ["array", "boolean", "null"]
        if !item.members.isEmpty { kinds.insert("object") }
        if item.readAsValue { kinds.formUnion(Self.valueKinds) }
        return kinds
    }

    /// Every use constrains the kinds; a value must satisfy all of them.
    var kinds: Set<String> {
        var constraints: [Set<String>] = []
        if readAsValue { constraints.append(Self.valueKinds) }
        if readAsPicture { constraints.append(Self.picture) }
        if let span = readAsSpan { constraints.append(span == .merge ? Self.scalar : ["number"]) }
        if readAsSection { constraints.append(sectionKinds) }
        if !members.isEmpty { constraints.append(["object"]) }
        guard let first = constraints.first else { return Self.any }
        let all = constraints.dropFirst().reduce(first) { $0.intersection($1) }
        // Uses no value satisfies (a template bug): show every kind that some use accepts.
        return all.isEmpty ? constraints.reduce(into: Set<String>()) { $0.formUnion($1) } : all
    }

    /// The schema of this value; the object part of each section's item goes into `$defs`
    /// once and is referenced from both places that need it (`items` and the object form),
    /// so the schema grows linearly with the nesting, not twice per level.
    func schema(path: String, definitions: SchemaDefinitions) -> Value {
        let kinds = kinds
        var object: [String: Value] = [:]
        let sorted = kinds.sorted()
        if kinds != Self.any { object["type"] = sorted.count == 1 ? .string(sorted[0]) : .array(sorted.map(Value.string)) }
        if let span = readAsSpan {
            object["description"] = .string(Self.spanDescriptions[span]!)
            if span != .merge { object["minimum"] = .int(0) }
        }
        if kinds.contains("object") {
            var properties: [String: Value] = [:]
            for name in members.keys.sorted() {
                properties[name] = members[name]!.schema(path: path.isEmpty ? name : path + "." + name, definitions: definitions)
            }
            if readAsPicture { properties.merge(Self.pictureProperties) { own, _ in own } }
            // A value's object form is rich text, `md` its only member.
            if readAsValue, !readAsPicture, members.isEmpty {
                properties[Value.richKey] = .object(["type": .string("string")])
                object["required"] = .array([.string(Value.richKey)])
                object["additionalProperties"] = .bool(false)
            }
            if !properties.isEmpty { object["properties"] = .object(properties) }
            if !required.isEmpty { object["required"] = .array(required.sorted().map(Value.string)) }
            // An object pushed by a section is read like an item.
            if readAsSection, let item, !item.members.isEmpty {
                object["$ref"] = definitions.reference(to: item, path: path)
            }
        }
        if kinds.contains("array"), readAsSection, let item, !item.members.isEmpty || item.readAsValue {
            if item.members.isEmpty {
                object["items"] = item.schema(path: path, definitions: definitions)
            } else {
                // The item's own kinds, with its object part by reference.
                var items: [String: Value] = [:]
                let itemKinds = item.kinds.sorted()
                if item.kinds != Self.any { items["type"] = itemKinds.count == 1 ? .string(itemKinds[0]) : .array(itemKinds.map(Value.string)) }
                items["$ref"] = definitions.reference(to: item, path: path)
                object["items"] = .object(items)
            }
        }
        return .object(object)
    }

    /// What an item's object form must hold: its names and, for a nested section, the
    /// reference to that section's item.
    func objectPart(path: String, definitions: SchemaDefinitions) -> Value {
        var whole = schema(path: path, definitions: definitions)
        if case .object(var object) = whole {
            object["type"] = nil
            object["items"] = nil
            whole = .object(object)
        }
        return whole
    }
}

/// The `$defs` of an inferred schema: one entry per section item, named by the section's
/// dotted path (`parts.owner`), each written once however often it is referenced.
final class SchemaDefinitions {
    var schemas: [String: Value] = [:]
    private var names: [ObjectIdentifier: String] = [:]

    func reference(to item: Shape, path: String) -> Value {
        let id = ObjectIdentifier(item)
        let name: String
        if let known = names[id] {
            name = known
        } else {
            var candidate = path.isEmpty ? "item" : path
            var n = 2
            while schemas[candidate] != nil { candidate = "\(path)~\(n)"; n += 1 }
            name = candidate
            names[id] = name
            schemas[name] = .object([:])   // reserved while the item's own schema is built
            schemas[name] = item.objectPart(path: path, definitions: self)
        }
        // A JSON pointer (RFC 6901) in a URI fragment: `~` and `/` escaped, then other bytes
        // outside the unreserved set percent-encoded.
        let pointer = name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        var fragment = ""
        for byte in pointer.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~".contains(c)) { fragment.append(c) }
            else { fragment += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
        }
        return .string("#/$defs/" + fragment)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
