/// The kind of Word file a package is — document, template, with or without macros — as its
/// main part's content type says. A `.dotx`, `.docm` or `.dotm` template rendered to a
/// `.docx` gets the document type (Word refuses a `.docx` typed as a template or as holding
/// macros), and its macros (`vbaProject.bin`, its data and relationships) are dropped unless
/// the output is `.docm` or `.dotm`. An output of another extension keeps the template's type.
enum WordPackageType {
    static let mainTypes: [String: (type: String, macros: Bool)] = [
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", false),
        "dotx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", false),
        "docm": ("application/vnd.ms-word.document.macroEnabled.main+xml", true),
        "dotm": ("application/vnd.ms-word.template.macroEnabledTemplate.main+xml", true),
    ]
    static let typesPart = "[Content_Types].xml"
    /// Relationships to macro parts, by the last component of their type.
    static let macroRelationships: Set<String> = ["vbaProject", "wordVbaData"]

    struct Changes {
        var replaced: [String: [UInt8]] = [:]
        var removed: Set<String> = []
    }

    /// `read` gives an entry's bytes as they will be written (after other changes), or nil.
    static func changes(outputExtension: String, file: String, read: (String) throws -> [UInt8]?) throws -> Changes {
        var changes = Changes()
        guard let wanted = mainTypes[outputExtension.lowercased()], let typesBytes = try read(typesPart) else { return changes }
        let types = try XMLParser.parse(typesBytes, file: file, part: typesPart)
        let overrides = types.root.children.compactMap { $0 as? XMLElement }.filter { $0.name == "Override" }
        let knownTypes = Set(mainTypes.values.map(\.type))
        guard let main = overrides.first(where: { $0.attribute("ContentType").map(knownTypes.contains) ?? false }),
              let mainName = main.attribute("PartName").map({ String($0.drop { $0 == "/" }) }) else { return changes }
        var typesChanged = false
        if main.attribute("ContentType") != wanted.type {
            main.setAttribute(prefix: nil, name: "ContentType", value: wanted.type)
            typesChanged = true
        }
        if !wanted.macros {
            // The macro parts: targets of macro relationships, from the main part on.
            var queue = [mainName]
            while let source = queue.popLast() {
                let relsName = ImagePackage.relationshipsPart(of: source)
                guard let bytes = try read(relsName) else { continue }
                let rels = try XMLParser.parse(bytes, file: file, part: relsName)
                let folder = source.split(separator: "/").dropLast().joined(separator: "/")
                var relsChanged = false
                for case let rel as XMLElement in rels.root.children {
                    guard let type = rel.attribute("Type"), let kind = type.split(separator: "/").last.map(String.init),
                          macroRelationships.contains(kind), let target = rel.attribute("Target") else { continue }
                    let part = PackageParts.resolve(target, from: folder)
                    rel.remove(); relsChanged = true
                    if changes.removed.insert(part).inserted {
                        changes.removed.insert(ImagePackage.relationshipsPart(of: part))
                        queue.append(part)
                    }
                }
                if relsChanged && !changes.removed.contains(relsName) { changes.replaced[relsName] = XMLWriter.write(rels) }
            }
            for o in overrides where changes.removed.contains(o.attribute("PartName").map { String($0.drop { $0 == "/" }) } ?? "") {
                o.remove(); typesChanged = true
            }
        }
        if typesChanged { changes.replaced[typesPart] = XMLWriter.write(types) }
        return changes
    }
}
