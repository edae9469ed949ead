import Foundation

/// One render, the way `docfill render` does it: data source → `extends` → to-do marks
/// (refused, or shown in a draft) → model (chosen, or the template's declared
/// `docfill.model`) → render → output. The CLI's `render`, `check` and `batch` run these
/// steps through it; a program or a server gets the same result with the same messages.
///
/// Warnings (drafted to-dos, stale years, a model's consistency findings) go to `warn` in the
/// order found, before any error is thrown; errors are thrown as `DocFillError`.
public struct RenderJob: Sendable {
    /// Where the data comes from: a file, standard input or a value made in code.
    public var data: DataSource
    /// Which data model reads the data: the template's declared one, none, or a given one.
    public var model: ModelChoice
    /// The models a template's `docfill.model` may name.
    public var models: DataModels
    /// Render values still marked TODO visibly instead of refusing them.
    public var draft: Bool
    /// Bounds on the data read (file size, nesting), against hostile input.
    public var limits: DataLimits
    /// How the render treats missing data, pictures and output size.
    public var options: RenderOptions

    /// Makes a job; without `options`, pictures in the data resolve against the data file's folder, as the CLI does.
    public init(data: DataSource, model: ModelChoice = .declared, models: DataModels = DataModels(),
                draft: Bool = false, limits: DataLimits = DataLimits(), options: RenderOptions? = nil) {
        self.data = data; self.model = model; self.models = models; self.draft = draft; self.limits = limits
        if let options { self.options = options } else {
            var defaults = RenderOptions()
            if let path = data.path { defaults.baseDirectory = RenderOptions.baseDirectory(forData: path) }
            self.options = defaults
        }
    }

    /// The data ready for a template: the model in force and the view the template reads.
    public struct Prepared: Sendable {
        /// The model the data was read with, nil when the raw data is rendered.
        public var model: (any DataModel)?
        /// The value the template reads: the model's view of the data, or the data itself.
        public var value: Value
    }

    /// The data steps. `declared` is asked for the template's declared model only once the
    /// data is loaded, so a compile started before (`BackgroundCompile`) runs meanwhile.
    public func prepare(declared: () throws -> DeclaredProperty?, warn: (Diagnostic) -> Void) throws -> Prepared {
        var input = try DataInput.load(data, draft: draft, limits: limits)
        let model = try models.inForce(self.model, declared: try declared())
        input.addStaleYears(model)
        try input.warningsOrThrow().forEach(warn)
        return Prepared(model: model, value: try input.view(as: model, file: modelFile, warn: warn))
    }

    /// The name the model's own messages give the data: a file as given (`-` too).
    var modelFile: String {
        data.path ?? data.name
    }

    /// The last step for data already prepared: `template` rendered to `target` (a
    /// document's PDF through `pdf` when given; a document's output extension checked against
    /// its format). An error whose missing names a registered model's view supplies comes
    /// back as a `HintedError` naming the model.
    /// `warn` hears what the PDF conversion has to say (a font that stood in for another).
    public func write(_ prepared: Prepared, with template: LoadedTemplate, to target: OutputTarget,
                      pdf: PDFConverter? = nil, warn: (Diagnostic) -> Void = { _ in }) throws {
        try ModelHint.adding(model: prepared.model, data: prepared.value, template: template, models: models) {
            switch template {
            case .text(let source, let file, let delimiters):
                try TextFile.render(source: source, file: file, data: prepared.value, output: target,
                                    delimiters: delimiters, options: options)
            case .document(let compiled):
                if let pdf {
                    try PDFRender.render(compiled, prepared.value, to: target, options: options, converter: pdf, warn: warn)
                } else {
                    try OutputTarget.checkFormat(target.path, content: compiled.format, template: compiled.file)
                    try compiled.render(prepared.value, to: target, options: options)
                }
            }
        }
    }

    /// All steps, the document written to `target`; returns what was prepared.
    @discardableResult
    public func render(_ template: DocumentTemplate, to target: OutputTarget,
                       warn: (Diagnostic) -> Void) throws -> Prepared {
        let prepared = try prepare(declared: { template.declaredModel }, warn: warn)
        try template.render(prepared.value, to: target, options: options)
        return prepared
    }

    /// All steps, the document written to `path` (format checked, the template and a data
    /// file protected from being overwritten); returns the warnings.
    @discardableResult
    public func render(_ template: DocumentTemplate, to path: String) throws -> [Diagnostic] {
        var inputs: [OutputTarget.Input] = [.template(template.file)]
        if let dataPath = data.path { inputs.append(.data(dataPath)) }
        let target = try OutputTarget(path, protecting: inputs)
        try OutputTarget.checkFormat(path, content: template.format, template: template.file)
        var warnings: [Diagnostic] = []
        try render(template, to: target) { warnings.append($0) }
        return warnings
    }

    /// All steps; the document's bytes and the warnings.
    public func renderData(_ template: DocumentTemplate) throws -> (document: Data, warnings: [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let prepared = try prepare(declared: { template.declaredModel }, warn: { warnings.append($0) })
        return (try template.renderData(prepared.value, options: options), warnings)
    }

    /// What `docfill check` reports, writing nothing: the data steps' findings (errors and
    /// warnings; a draft's to-dos as warnings), the model's (with keys it does not know), then
    /// `templateCheck` of the view (the template's problems with it). Unused data keys are
    /// reported only without a model: a model's view is full of computed keys a template
    /// picks from. Also returns the model in force and the value checked.
    public func check(declared: DeclaredProperty?,
                      templateCheck: (_ value: Value, _ unusedKeys: Bool) throws -> [Diagnostic])
        throws -> (diagnostics: [Diagnostic], prepared: Prepared) {
        let model = try models.inForce(self.model, declared: declared)
        var input = try DataInput.load(data, draft: draft, limits: limits)
        input.addStaleYears(model)
        var findings = input.diagnostics
        var value = input.value
        do { _ = try DocumentSettings(data: value, file: modelFile, places: input.places) } catch let error as DocFillError {
            findings += error.diagnostics
        }
        if let model {
            let (modelFindings, view) = try model.check(value, file: modelFile, places: input.places,
                                                        excusing: input.todoPaths, unknownKeys: true)
            findings += modelFindings
            value = DocumentSettings.carried(from: value, into: view)
        }
        let problems = try templateCheck(value, model == nil)
        return (findings + problems, Prepared(model: model, value: value))
    }
}

extension RenderJob {
    /// The data steps for each record of a batch (`Batch.run`'s `prepare`): to-do marks
    /// (refused, or shown in a `draft`) and `model`, chosen once for the template; warnings go
    /// to the record's `warn`.
    public static func batchPreparation(model: (any DataModel)?, draft: Bool) -> BatchPreparation {
        { value, record, warn in
            let job = RenderJob(data: .value(value, name: record.source), model: model.map(ModelChoice.model) ?? .none, draft: draft)
            return try job.prepare(declared: { nil }, warn: warn).value
        }
    }
}
