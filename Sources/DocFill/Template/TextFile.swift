import Foundation

/// Renders a plain-text template file to a file (by the rules of `OutputTarget`: atomically,
/// `-` for standard output). Any output extension is allowed: a text template may write any
/// kind of text.
public enum TextFile {
    /// Renders the text template at `template` with `data` to the file at `output` (`-` for standard output), refusing to overwrite the template.
    public static func render(template: String, data: Value, output: String, delimiters: Delimiters = .mustache,
                              filters: FilterSet = .standard, options: RenderOptions = RenderOptions()) throws {
        try render(template: template, data: data, output: try OutputTarget(output, protecting: [.template(template)]),
                   delimiters: delimiters, filters: filters, options: options)
    }

    /// Renders the text template at `template` with `data` to an output already checked by ``OutputTarget``.
    public static func render(template: String, data: Value, output: OutputTarget, delimiters: Delimiters = .mustache,
                              filters: FilterSet = .standard, options: RenderOptions = RenderOptions()) throws {
        try render(source: try source(of: template), file: template, data: data, output: output, delimiters: delimiters,
                   filters: filters, options: options)
    }

    /// Renders a text template's `source` (read from `file`, which messages name) to `output`.
    public static func render(source: String, file: String, data: Value, output: OutputTarget, delimiters: Delimiters = .mustache,
                              filters: FilterSet = .standard, options: RenderOptions = RenderOptions()) throws {
        let text = try TextTemplate(source, file: file, delimiters: delimiters, filters: filters)
            .render(data, options: options)
        try output.write(Array(text.utf8))
    }

    /// The text of the template file `path`, which must be UTF-8.
    public static func source(of path: String) throws -> String {
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DocFillError("invalid_utf8", "the text template is not readable UTF-8", at: SourceLocation(file: path))
        }
        return source
    }
}
