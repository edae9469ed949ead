/// A tag found in document text, standing where its first character was.
final class TagPlaceholder: XMLNode {
    let tag: TemplateTag
    let location: SourceLocation
    /// The paragraph the tag was written in.
    unowned let paragraph: XMLElement
    init(tag: TemplateTag, location: SourceLocation, paragraph: XMLElement) {
        self.tag = tag; self.location = location; self.paragraph = paragraph
    }
}

/// Where a section starts or ends once the structural rules have placed it.
final class SectionMarker: XMLNode {
    let tag: TemplateTag
    let location: SourceLocation
    let isOpen: Bool
    init(_ placeholder: TagPlaceholder, isOpen: Bool) {
        tag = placeholder.tag; location = placeholder.location; self.isOpen = isOpen
    }
}

/// A placeholder picture whose alt text holds a value tag: the picture element, taken out of
/// the tree, with its alt text rewritten to the tag's name. The plan serialises it into
/// fragments around the values a render fills in (`ImageSlot`).
final class ImagePlaceholder: XMLNode {
    let tag: TemplateTag
    let location: SourceLocation
    let drawing: XMLElement
    init(tag: TemplateTag, location: SourceLocation, drawing: XMLElement) {
        self.tag = tag; self.location = location; self.drawing = drawing
    }
}
