/// ODF: the paragraph style for the copies of a tag's paragraph a multi-paragraph rich
/// value makes, when the paragraph's style starts a new page or column (`fo:break-before`,
/// `style:master-page-name`), set by the style itself or inherited from a parent, in the
/// part or in a packaged ODT's styles.xml: each copy would start one too, where DOCX copies
/// drop `w:pageBreakBefore`. The copies take an automatic style without the break: the
/// automatic style's copy (its parent is a common style, as ODF wants) or, for a common
/// style, a child of it with `fo:break-before="auto"`; under a name no style of the part or
/// of styles.xml has.
enum ODFCopyStyle {
    /// The style's name and declaration; nil where the paragraph's style has no break.
    /// `template`: the styles of styles.xml (empty for a flat document).
    static func make(paragraph: XMLElement, styleAttribute: String, template: ODFStyles) -> (name: String, declaration: [UInt8])? {
        guard let styleName = paragraph.attribute(styleAttribute) else { return nil }
        let root = paragraph.ancestors.last ?? paragraph
        let styles = ODFStyles(root: root).over(template)
        guard styles.breaks(styleName), let direct = styles.paragraphs[styleName] else { return nil }
        let name = styles.unusedName("DocFill_" + styleName + "_next")
        var declaration: [UInt8] = []
        if direct.automatic, let style = automaticStyle(styleName, in: root) {
            let copy = style.deepClone()
            for k in copy.attributes.indices where copy.attributes[k].name == "name" { copy.attributes[k].value = name }
            copy.attributes.removeAll { $0.name == "master-page-name" }
            var properties = copy.children.lazy.compactMap { $0 as? XMLElement }.first { $0.name == "paragraph-properties" }
            if properties == nil {
                let added = XMLElement(prefix: copy.prefix, name: "paragraph-properties", namespaceURI: copy.namespaceURI)
                // Before the text properties, as the schema orders them.
                copy.insert(added, at: 0)
                properties = added
            }
            if let properties {
                if let k = properties.attributes.firstIndex(where: { $0.name == "break-before" }) {
                    properties.attributes[k].value = "auto"
                } else {
                    // Inherited: undone here, `fo:` declared unless the part's root does.
                    if !root.namespaceDeclarations.contains(where: { $0.prefix == "fo" && $0.uri == RichTextProfile.foNamespace }) {
                        properties.namespaceDeclarations.append((prefix: "fo", uri: RichTextProfile.foNamespace))
                    }
                    properties.setAttribute(prefix: "fo", name: "break-before", value: "auto")
                }
            }
            XMLWriter.write(copy, into: &declaration)
        } else {
            var escapedName: [UInt8] = [], escapedParent: [UInt8] = []
            XMLWriter.escapeAttribute(name, into: &escapedName)
            XMLWriter.escapeAttribute(styleName, into: &escapedParent)
            declaration = Array("<style:style xmlns:style=\"\(RichTextProfile.styleNamespace)\" xmlns:fo=\"\(RichTextProfile.foNamespace)\" style:name=\"".utf8)
                + escapedName + Array("\" style:family=\"paragraph\" style:parent-style-name=\"".utf8) + escapedParent
                + Array("\"><style:paragraph-properties fo:break-before=\"auto\"/></style:style>".utf8)
        }
        return (name, declaration)
    }

    /// The automatic paragraph style `name` of the part.
    private static func automaticStyle(_ name: String, in root: XMLElement) -> XMLElement? {
        for case let container as XMLElement in root.children where container.name == "automatic-styles" {
            for case let style as XMLElement in container.children
            where style.name == "style" && style.attribute("name") == name && style.attribute("family") == "paragraph" { return style }
        }
        return nil
    }
}
