/// Where each format keeps "printed on both sides" (mirrored margins), and how a render sets
/// it from `PageSides`. The page setup is not in a templated part of a DOCX (Word keeps it
/// in settings.xml, which tags never reach), so it is set on the written package, after the
/// render, from the data's `docfill.pages` or `RenderOptions.pageSides`.
enum PageSidesSetup {
    /// WordprocessingML: `w:mirrorMargins` in `w:settings`. CT_Settings is a sequence, so the
    /// element goes after the ones the schema puts before it.
    static func docx(_ sides: PageSides, in root: XMLElement) -> Bool {
        guard root.namespaceURI == Namespaces.w, root.name == "settings" else { return false }
        let elements = root.children.compactMap { $0 as? XMLElement }
        let existing = elements.filter { $0.namespaceURI == Namespaces.w && $0.name == "mirrorMargins" }
        switch sides {
        case .oneSided:
            guard !existing.isEmpty else { return false }
            root.children.removeAll { node in existing.contains { $0 === node } }
            return true
        case .twoSided:
            if let element = existing.first {
                // `<w:mirrorMargins w:val="false"/>` is off: turn it on.
                guard let value = element.attribute("val"), ["false", "0", "off"].contains(value) else { return false }
                element.attributes.removeAll { $0.name == "val" }
                return true
            }
            let after = root.children.firstIndex { node in
                guard let e = node as? XMLElement else { return false }
                return !(e.namespaceURI == Namespaces.w && settingsBeforeMirrorMargins.contains(e.name))
            } ?? root.children.count
            root.insert(XMLElement(prefix: root.prefix, name: "mirrorMargins", namespaceURI: Namespaces.w), at: after)
            return true
        }
    }

    /// The children of `w:settings` that ECMA-376 places before `w:mirrorMargins`.
    private static let settingsBeforeMirrorMargins: Set<String> = [
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
        "saveSubsetFonts", "saveFormsData",
    ]

    /// ODF: `style:page-usage` on every `style:page-layout` — `mirrored` for two sides; for
    /// one side a mirrored layout becomes `all` (a layout for left or right pages only stays).
    static func odf(_ sides: PageSides, in root: XMLElement) -> Bool {
        let styleNS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
        guard let prefix = root.namespaceDeclarations.first(where: { $0.uri == styleNS })?.prefix else { return false }
        var changed = false
        var stack: [XMLElement] = [root]
        while let element = stack.popLast() {
            if element.namespaceURI == styleNS && element.name == "page-layout" {
                let usage = element.attributes.first { $0.prefix == prefix && $0.name == "page-usage" }?.value
                let wanted: String? = sides == .twoSided ? "mirrored" : (usage == "mirrored" ? "all" : nil)
                if let wanted, usage != wanted {
                    element.setAttribute(prefix: prefix, name: "page-usage", value: wanted)
                    changed = true
                }
                continue
            }
            // Page layouts sit in office:automatic-styles; nothing below a page layout holds one.
            for case let child as XMLElement in element.children where !(child.namespaceURI == Namespaces.text) {
                stack.append(child)
            }
        }
        return changed
    }

    /// `bytes` of `part` with `sides` set by `setPageSides`, or nil when nothing changed.
    static func edited(_ bytes: [UInt8], part: String, file: String, sides: PageSides,
                       setPageSides: (PageSides, XMLElement) -> Bool) throws -> [UInt8]? {
        let document = try XMLParser.parse(bytes, file: file, part: part)
        guard setPageSides(sides, document.root) else { return nil }
        return XMLWriter.write(document)
    }
}
