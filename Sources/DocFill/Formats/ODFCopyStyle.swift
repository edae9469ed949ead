/// ODF: the paragraph style for the copies of a tag's paragraph a multi-paragraph rich
/// value makes, when the paragraph's style starts a new page or column (`fo:break-before`,
/// `style:master-page-name`): each copy would start one too, where DOCX copies drop
/// `w:pageBreakBefore`. The copies take an automatic style without the break: the
/// automatic style's copy (its parent is a common style, as ODF wants) or, for a common
/// style of the part, a child of it with `fo:break-before="auto"`. Styles of another part
/// (a packaged ODT's styles.xml) and breaks inherited from a parent are not seen.
enum ODFCopyStyle {
    /// The style's name and declaration; nil where the paragraph's style has no break.
    static func make(paragraph: XMLElement, styleAttribute: String) -> (name: String, declaration: [UInt8])? {
        guard let styleName = paragraph.attribute(styleAttribute) else { return nil }
        let root = paragraph.ancestors.last ?? paragraph
        // The part's styles: common (flat ODT) and automatic, each a child of its container.
        var styles: [(style: XMLElement, automatic: Bool)] = []
        for case let container as XMLElement in root.children where ["styles", "automatic-styles"].contains(container.name) {
            for case let style as XMLElement in container.children where style.name == "style" && style.namespaceURI == RichTextProfile.styleNamespace {
                styles.append((style, container.name == "automatic-styles"))
            }
        }
        guard let (style, automatic) = styles.first(where: { $0.style.attribute("name") == styleName && $0.style.attribute("family") == "paragraph" }),
              breaks(style) else { return nil }
        // A name no style of the part has.
        let names = Set(styles.compactMap { $0.style.attribute("name") })
        var name = "DocFill_" + styleName + "_next", n = 1
        while names.contains(name) { n += 1; name = "DocFill_" + styleName + "_next\(n)" }
        var declaration: [UInt8] = []
        if automatic {
            let copy = style.deepClone()
            rename(copy, to: name)
            copy.attributes.removeAll { $0.name == "master-page-name" }
            for case let properties as XMLElement in copy.children where properties.name == "paragraph-properties" {
                for k in properties.attributes.indices where properties.attributes[k].name == "break-before" { properties.attributes[k].value = "auto" }
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

    /// Whether a paragraph style starts a page or column itself.
    private static func breaks(_ style: XMLElement) -> Bool {
        if let master = style.attribute("master-page-name"), !master.isEmpty { return true }
        return style.children.contains { child in
            guard let properties = child as? XMLElement, properties.name == "paragraph-properties",
                  let value = properties.attribute("break-before") else { return false }
            return value != "auto"
        }
    }

    private static func rename(_ style: XMLElement, to name: String) {
        for k in style.attributes.indices where style.attributes[k].name == "name" { style.attributes[k].value = name }
    }
}
