/// What a rich value needs to know of an ODF document's styles, read from the elements: a
/// paragraph style's parent, page break and list style, the names in use, the list styles.
/// A packaged ODT's styles.xml is read once per template (`ODTPackage.richStyles`); a part's
/// own styles (content.xml, a flat document) are read where a site needs them.
struct ODFStyles: Sendable {
    /// A paragraph style, as far as a copy of its paragraph is concerned.
    struct Paragraph: Sendable {
        var parent: String?
        /// `fo:break-before` where the style sets it.
        var breakBefore: String?
        /// `style:master-page-name`: the paragraph starts a page with that master.
        var masterPage: String?
        /// `style:list-style-name`: the list style the style's paragraphs take.
        var listStyle: String?
        /// An automatic style (of the part's `office:automatic-styles`).
        var automatic = false
    }
    /// A list style: its display name (else its name) and whether its first level is a bullet.
    struct List: Sendable { var displayName: String; var bullet: Bool }

    var paragraphs: [String: Paragraph] = [:]
    var lists: [String: List] = [:]
    /// Every `style:name` of the styles, of any family (a new style takes a name none has).
    var names: Set<String> = []

    /// The styles of a part's root: its `office:styles` and `office:automatic-styles`.
    init(root: XMLElement) {
        for case let container as XMLElement in root.children where ["styles", "automatic-styles"].contains(container.name) {
            for case let style as XMLElement in container.children {
                guard let name = style.attribute("name") else { continue }
                names.insert(name)
                if style.name == "style", style.namespaceURI == RichTextProfile.styleNamespace, style.attribute("family") == "paragraph" {
                    let properties = style.children.lazy.compactMap { $0 as? XMLElement }.first { $0.name == "paragraph-properties" }
                    paragraphs[name] = Paragraph(parent: style.attribute("parent-style-name"), breakBefore: properties?.attribute("break-before"),
                                                 masterPage: style.attribute("master-page-name"), listStyle: style.attribute("list-style-name"),
                                                 automatic: container.name == "automatic-styles")
                } else if style.name == "list-style" {
                    let first = style.children.lazy.compactMap { $0 as? XMLElement }.first
                    lists[name] = List(displayName: style.attribute("display-name") ?? name, bullet: first?.name == "list-level-style-bullet")
                }
            }
        }
    }

    init() {}

    /// `self` where it has a style, else `other` (a part's styles before styles.xml's common ones).
    func over(_ other: ODFStyles) -> ODFStyles {
        var merged = other
        merged.paragraphs.merge(paragraphs) { _, mine in mine }
        merged.lists.merge(lists) { _, mine in mine }
        merged.names.formUnion(names)
        return merged
    }

    /// Whether paragraphs of the style start a new page or column: its own master page, or
    /// the nearest `fo:break-before` up its parents (a child's `auto` undoes a parent's `page`).
    func breaks(_ name: String) -> Bool {
        if let master = paragraphs[name]?.masterPage, !master.isEmpty { return true }
        var next: String? = name, seen: Set<String> = []
        while let n = next, let style = paragraphs[n], seen.insert(n).inserted {
            if let value = style.breakBefore { return value != "auto" }
            next = style.parent
        }
        return false
    }

    /// The list style of a paragraph style, up its parents.
    func listStyle(of name: String) -> String? {
        var next: String? = name, seen: Set<String> = []
        while let n = next, let style = paragraphs[n], seen.insert(n).inserted {
            if let list = style.listStyle, !list.isEmpty { return list }
            next = style.parent
        }
        return nil
    }

    /// `base`, or `base2`, `base3`…: a name no style has.
    func unusedName(_ base: String) -> String {
        var name = base, n = 1
        while names.contains(name) { n += 1; name = base + "\(n)" }
        return name
    }
}
