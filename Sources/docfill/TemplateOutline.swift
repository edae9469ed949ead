import DocFill
import Foundation

/// What `inspect`, `schema` and `check` read from a template: a compiled document, or the
/// source of a plain-text template.
enum LoadedTemplate {
    case document(DocumentTemplate)
    case text(source: String, file: String, delimiters: Delimiters)

    static func load(_ path: String, options: CompileOptions) throws -> LoadedTemplate {
        if try TemplateKind.of(path, delimiters: options.delimiters) == .document {
            return .document(try DocumentTemplate(contentsOf: path, options: options))
        }
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DocFillError("invalid_utf8", "the text template is not readable UTF-8", at: SourceLocation(file: path))
        }
        return .text(source: source, file: path, delimiters: options.delimiters)
    }

    /// The model the template declares (`docfill.model`); text templates declare none.
    var declaredModel: DeclaredProperty? {
        if case .document(let template) = self { return template.declaredModel }
        return nil
    }

    /// Every problem rendering `data` would meet (`TemplateCheck`), without unused keys.
    func check(_ data: Value, dataFile: String?, unusedKeys: Bool = false) throws -> [Diagnostic] {
        switch self {
        case .document(let template):
            return TemplateCheck.check(template, data: data, dataFile: dataFile, unusedKeys: unusedKeys)
        case .text(let source, let file, let delimiters):
            return try TemplateCheck.check(text: source, file: file, delimiters: delimiters, data: data,
                                           dataFile: dataFile, unusedKeys: unusedKeys)
        }
    }

    func outline() throws -> TagOutline {
        switch self {
        case .document(let template): return TagOutline(template)
        case .text(let source, let file, let delimiters):
            return TagOutline(try TextTemplate.tags(in: source, file: file, delimiters: delimiters))
        }
    }
}

/// JSON for people and tools: pretty, keys sorted, one trailing newline.
func printJSON(_ value: Value) {
    print(String(decoding: value.jsonBytes(pretty: true), as: UTF8.self))
}
