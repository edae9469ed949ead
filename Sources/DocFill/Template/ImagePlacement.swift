/// Step 1b of compiling a part: placeholder pictures. A drawing of the paragraph that is a
/// picture (the profile's `drawings` holding one of its `pictures`) and whose alt text holds
/// a tag is replaced in the tree by an `ImagePlaceholder`. The alt text is lexed with the
/// delimiters in force where the paragraph starts.
extension TagPlacement {
    /// `drawings`: the paragraph's own drawings (`paragraphsAndDrawings`); `root`: the part's.
    mutating func placeImages(_ drawings: [XMLElement], root: XMLElement, author: AuthorPlace?) {
        let images = profile.images
        for drawing in drawings {
            // A drawing in an `mc:Fallback` whose wrapper an earlier picture replaced is no
            // longer in the part: it would be a tag that is never rendered.
            guard Self.top(of: drawing) === root else { continue }
            let own = Self.ownElements(of: drawing, profile: profile)
            guard own.contains(where: { $0.matches(images.pictures) }) else { continue }
            guard let placeholder = imagePlaceholder(for: drawing, own: own, author: author) else { continue }
            var replaced = drawing
            if let wrapper = Self.compatibilityWrapper(of: drawing, own: own, images: images) {
                // Declarations on the wrapper or the choice would leave the part with it.
                for scope in [drawing.parent!, wrapper] {
                    for declaration in scope.namespaceDeclarations
                    where !drawing.namespaceDeclarations.contains(where: { $0.prefix == declaration.prefix }) {
                        drawing.namespaceDeclarations.append(declaration)
                    }
                }
                replaced = wrapper
            }
            if let parent = replaced.parent, let index = replaced.indexInParent {
                parent.children[index] = placeholder
                placeholder.parent = parent
                replaced.retire(from: parent)
                imagePlaceholders.append(placeholder)
            }
        }
    }

    private static func top(of node: XMLElement) -> XMLElement {
        var top = node
        while let up = top.parent { top = up }
        return top
    }

    /// The `mc:AlternateContent` whose `mc:Choice` is this drawing, when the drawing is a plain
    /// picture (which needs no alternative): the placeholder takes the wrapper's place.
    static func compatibilityWrapper(of drawing: XMLElement, own: [XMLElement], images: ImageProfile) -> XMLElement? {
        guard let choice = drawing.parent, choice.matches(images.compatibilityChoices),
              !choice.children.contains(where: { $0 !== drawing && $0 is XMLElement }),
              let wrapper = choice.parent, wrapper.matches(images.compatibilityWrappers),
              own.contains(where: { $0.matches(images.plainPictures) }) else { return nil }
        return wrapper
    }

    /// The drawing and its elements, not descending into nested drawings or paragraphs.
    static func ownElements(of drawing: XMLElement, profile: FormatProfile) -> [XMLElement] {
        var result = [drawing]
        func walk(_ e: XMLElement) {
            for case let child as XMLElement in e.children {
                if child.matches(profile.images.drawings) || child.matches(profile.paragraphs) { continue }
                result.append(child)
                walk(child)
            }
        }
        walk(drawing)
        return result
    }

    /// One alt text: where it is, its value, and how to change it.
    private struct AltText {
        let element: XMLElement
        let value: String
        let set: (String) -> Void
    }

    private mutating func imagePlaceholder(for drawing: XMLElement, own: [XMLElement], author: AuthorPlace?) -> ImagePlaceholder? {
        let images = profile.images
        var texts: [AltText] = []
        for element in own {
            guard let ns = element.namespaceURI else { continue }
            let qname = QName(namespace: ns, local: element.name)
            for attribute in element.attributes
            where images.altTextAttributes.contains(ElementAttribute(element: qname, attribute: attribute.name)) {
                let name = attribute.name, prefix = attribute.prefix
                texts.append(AltText(element: element, value: attribute.value) {
                    element.setAttribute(prefix: prefix, name: name, value: $0)
                })
            }
            if element.matches(images.altTextElements) {
                let bytes = element.children.compactMap { $0 as? XMLText }.flatMap(\.bytes)
                texts.append(AltText(element: element, value: String(decoding: bytes, as: UTF8.self)) { value in
                    element.children.removeAll { $0 is XMLText }
                    element.append(XMLText(Array(value.utf8), line: element.line, column: element.column))
                })
            }
        }
        var found: [(tag: TemplateTag, text: AltText)] = []
        for text in texts where Lexer.find(lexer.delimiters.open, in: Array(text.value.utf8), from: 0) != nil {
            var copy = lexer
            var problems: [Lexer.Problem] = []
            let tokens = copy.lex(Array(text.value.utf8), problems: &problems)
            let place = SourceLocation(file: file, part: part, line: text.element.line, column: text.element.column, authorPlace: author)
            for p in problems { diagnostics.append(Diagnostic(p.code, "alt text of a picture: \(p.message)", at: place)) }
            for case .tag(let tag) in tokens { found.append((tag, text)) }
        }
        guard let first = found.first else { return nil }
        let location = SourceLocation(file: file, part: part, line: first.text.element.line, column: first.text.element.column,
                                      authorPlace: author)
        let sources = Set(found.map { $0.tag.source.trimmingWhitespace() })
        guard first.tag.isValue, sources.count == 1 else {
            diagnostics.append(Diagnostic("image_alt_text",
                "a picture's alt text must hold one value tag such as '{{logo}}'; found \(found.map { "'\($0.tag.shortSource)'" }.joined(separator: ", "))",
                at: location))
            return nil
        }
        // The alt text keeps what the author wrote around the tag, with the tag's name in its place.
        for (tag, text) in found {
            text.set(text.value.replacingOccurrences(of: tag.source, with: tag.name).trimmingWhitespace())
        }
        return ImagePlaceholder(tag: first.tag, location: location, drawing: drawing)
    }
}
