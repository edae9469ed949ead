import CYaml

/// libyaml's event parser (the one Yams composes from) over UTF-8 text: the only code in
/// Data/ that calls C. One parser per instance, freed in `deinit`; libyaml's errors become
/// `data_syntax` errors here and nowhere else.
///
/// It lives in Data/ rather than beside Archive/ and XML/ because only the YAML reader uses
/// it and it needs nothing but the text and a file name.
final class YAMLEvents {
    /// What the nesting bound needs to know of an event.
    enum Kind {
        case collectionStart, collectionEnd, scalar, alias, streamEnd, other
    }

    /// An event's kind and where it starts (1-based line and column, in Unicode scalars).
    struct Event {
        var kind: Kind
        var line: Int
        var column: Int
    }

    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String

    /// `input` must stay valid while events are read (libyaml reads it in place).
    init(_ input: UnsafeBufferPointer<UInt8>, file: String) {
        self.input = input
        self.file = file
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)    // as Yams reads a String
        // libyaml refuses a null pointer even for no bytes.
        var none: UInt8 = 0
        withUnsafePointer(to: &none) { empty in
            yaml_parser_set_input_string(parser, input.baseAddress ?? empty, input.count)
        }
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event; after `.streamEnd` there are no more.
    func next() throws -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError() }
        defer { yaml_event_delete(&event) }
        let kind: Kind
        switch event.type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT: kind = .collectionStart
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: kind = .collectionEnd
        case YAML_SCALAR_EVENT: kind = .scalar
        case YAML_ALIAS_EVENT: kind = .alias
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        default: kind = .other
        }
        return Event(kind: kind, line: event.start_mark.line + 1, column: event.start_mark.column + 1)
    }

    /// libyaml's error, worded as for the errors Yams reports (`DataLoader.yamlSyntaxError`).
    private func syntaxError() -> DocFillError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        if p.error == YAML_READER_ERROR {    // a byte offset, not a mark
            return DataLoader.yamlSyntaxError(problem, context: nil,
                                              at: DataLoader.location(in: input, offset: p.problem_offset, file: file))
        }
        let context = p.context.map { (text: String(cString: $0), line: p.context_mark.line + 1) }
        return DataLoader.yamlSyntaxError(problem, context: context,
                                          at: SourceLocation(file: file, line: p.problem_mark.line + 1,
                                                             column: p.problem_mark.column + 1))
    }
}
