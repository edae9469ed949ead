import Foundation

/// What `inspect`, `schema` and `check` read from a template: a compiled document, or the
/// source of a plain-text template (text templates are compiled as they render).
public enum LoadedTemplate: Sendable {
    /// A .docx, .odt or .fodt template, compiled.
    case document(DocumentTemplate)
    /// A plain-text template's source, from `file`.
    case text(source: String, file: String, delimiters: Delimiters)

    /// The template at `path`, of the kind its content says (`TemplateKind`).
    public static func load(_ path: String, options: CompileOptions) throws -> LoadedTemplate {
        if try TemplateKind.of(path, delimiters: options.delimiters) == .document {
            return .document(try DocumentTemplate(contentsOf: path, options: options))
        }
        return .text(source: try TextFile.source(of: path), file: path, delimiters: options.delimiters)
    }

    /// The model the template declares (`docfill.model`); text templates declare none.
    public var declaredModel: DeclaredProperty? {
        if case .document(let template) = self { return template.declaredModel }
        return nil
    }

    /// Every problem rendering `data` would meet (`TemplateCheck`), without unused keys.
    public func check(_ data: Value, dataFile: String?, unusedKeys: Bool = false) throws -> [Diagnostic] {
        switch self {
        case .document(let template):
            return TemplateCheck.check(template, data: data, dataFile: dataFile, unusedKeys: unusedKeys)
        case .text(let source, let file, let delimiters):
            return try TemplateCheck.check(text: source, file: file, delimiters: delimiters, data: data,
                                           dataFile: dataFile, unusedKeys: unusedKeys)
        }
    }

    /// The JSON Schema (2020-12) of the data the template needs: the schema of the model in
    /// force (`choice`, else the one the template declares), else the one its tags imply.
    public func schema(model choice: ModelChoice, models: DataModels) throws -> Value {
        if let model = try models.inForce(choice, declared: declaredModel) { return model.schema }
        return SchemaInference.schema(of: try outline())
    }

    /// Every tag with its place, as a tree of sections.
    public func outline() throws -> TagOutline {
        switch self {
        case .document(let template): return TagOutline(template)
        case .text(let source, let file, let delimiters):
            return TagOutline(try TextTemplate.tags(in: source, file: file, delimiters: delimiters))
        }
    }
}

