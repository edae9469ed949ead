/// Where a YAML document nests deeper than a limit or holds too many scalars, found with
/// libyaml's own event parser before Yams builds anything.
///
/// Yams composes recursively, so a deep document would overflow the stack inside it; it
/// composes from these same events, so the depth counted here is exactly the depth it would
/// recurse to. Scalars and aliases are counted too: keys are at most half of them, so more
/// than twice the value limit is over it for sure. A syntax error stops the count with the
/// `data_syntax` error (nothing after it would be composed).
enum YAMLNestingBound {
    /// Throws `data_too_deep` at the collection that opens level `limits.maxDepth + 1` (the
    /// root collection is level 1), or `data_too_large` at the scalar or alias past
    /// `2 × limits.maxValues`; returns when the document is within both.
    static func check(_ text: UnsafeBufferPointer<UInt8>, file: String, limits: DataLimits) throws {
        let events = YAMLEvents(text, file: file)
        var depth = 0, scalars = 0
        while true {
            let event = try events.next()
            switch event.kind {
            case .collectionStart:
                depth += 1
                if depth > limits.maxDepth {
                    throw DataLoader.tooDeep(limits.maxDepth, at: SourceLocation(file: file, line: event.line, column: event.column))
                }
            case .collectionEnd:
                depth -= 1
            case .scalar, .alias:
                scalars += 1
                if scalars > 2 * limits.maxValues {
                    throw DataLoader.tooManyValues(limits, at: SourceLocation(file: file, line: event.line, column: event.column))
                }
            case .streamEnd:
                return
            case .other:
                continue
            }
        }
    }
}
