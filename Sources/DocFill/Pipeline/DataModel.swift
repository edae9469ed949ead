import Foundation

/// A typed data model: data is decoded and checked against it, and the template reads the
/// model's view (computed lines, totals…) instead of the data as written. Models are found by
/// name in a `DataModels` registry; a template names its model in its `docfill.model`
/// property. `OfficialReportModel` (module OfficialReport) is one.
public protocol DataModel: Sendable {
    /// The name `--model` and `docfill.model` use (`official-report`).
    var name: String { get }
    /// The JSON Schema (2020-12) of the model's data files.
    var schema: Value { get }

    /// Decodes `value` (a decoding error is thrown, placed in `file`) and returns every
    /// finding on it, errors and warnings, placed at the value's line when `places` knows it,
    /// with the view the template reads. Findings at or under an `excusing` path (a draft's
    /// to-do marks) are left out. With `unknownKeys`, keys the model does not know are
    /// `unused_key` warnings (decoding drops them silently).
    func check(_ value: Value, file: String, places: [String: SourceLocation], excusing: Set<String>,
               unknownKeys: Bool) throws -> (findings: [Diagnostic], view: Value)

    /// `stale_year` warnings for data that extends `base`: years of the base's period left
    /// where the new period's belong. Nothing when either side does not decode.
    func staleYears(_ value: Value, base: Value, file: String, places: [String: SourceLocation]) -> [Diagnostic]

    /// The view of `value`, or nil when the data is not this model's: quietly, for guessing
    /// which model a template's names come from.
    func quietView(_ value: Value) -> Value?

    /// The model for templates written for one variant of the data (a template declaring
    /// `official-report:party` takes only Party reports), nil when the model has no such variant.
    func variant(_ name: String) -> (any DataModel)?

    /// Whether `value` is data for this model (a variant: for this variant), quietly: which
    /// data files a template declaring the model goes with (`Workspace`).
    func fits(_ value: Value) -> Bool
}

extension DataModel {
    /// No variants unless a model has them.
    public func variant(_ name: String) -> (any DataModel)? { nil }

    /// Data fits when the model makes a view of it.
    public func fits(_ value: Value) -> Bool { quietView(value) != nil }

    /// For rendering: the model's errors thrown (the warnings returned), and the view.
    public func prepare(_ value: Value, file: String, places: [String: SourceLocation] = [:],
                        excusing: Set<String> = []) throws -> (warnings: [Diagnostic], view: Value) {
        let (findings, view) = try check(value, file: file, places: places, excusing: excusing, unknownKeys: false)
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw DocFillError(errors) }
        return (findings, view)
    }
}

/// Which model a render uses.
public enum ModelChoice: Sendable {
    /// The one the template declares in `docfill.model`, or none when it declares none.
    case declared
    /// No model, even when the template declares one.
    case none
    /// This model, whatever the template declares.
    case model(any DataModel)
}

/// The data models known by name: the CLI registers the official report's at start; a
/// program builds its own.
public struct DataModels: Sendable {
    /// In the order registered (the order hints and messages list them in).
    public private(set) var all: [any DataModel]

    /// Makes a registry holding `models`, in order; a later model with a taken name replaces the earlier one.
    public init(_ models: [any DataModel] = []) { all = [] ; for m in models { register(m) } }

    /// Adds `model`; one registered earlier under the same name is replaced.
    public mutating func register(_ model: any DataModel) {
        if let i = all.firstIndex(where: { $0.name == model.name }) { all[i] = model } else { all.append(model) }
    }

    /// The names, in registration order.
    public var names: [String] { all.map(\.name) }

    /// The model registered as `name`.
    public func named(_ name: String) -> (any DataModel)? { all.first { $0.name == name } }

    /// The model in force: the one chosen, else the one `declared` (a template's
    /// `docfill.model`) names. A declared name not registered is `unknown_model` at the
    /// property's place.
    /// A declared `NAME:VARIANT` (`official-report:party`) selects the model's variant, also
    /// when the model itself is chosen by name: the template is written for that variant.
    public func inForce(_ choice: ModelChoice, declared: DeclaredProperty?) throws -> (any DataModel)? {
        let (base, variant) = Self.split(declared?.value ?? "")
        switch choice {
        case .none: return nil
        case .model(let model):
            guard let variant, base == model.name else { return model }
            return model.variant(variant) ?? model
        case .declared:
            guard let declared else { return nil }
            guard let model = named(base) else {
                throw DocFillError("unknown_model",
                                   "the template's property '\(DocumentTemplate.modelPropertyName)' names the model '\(declared.value)', "
                                       + "which docfill does not know (known: \(names.joined(separator: ", "))); give --model NAME, or --model none to render without a model",
                                   at: declared.location)
            }
            guard let variant else { return model }
            guard let chosen = model.variant(variant) else {
                throw DocFillError("unknown_model",
                                   "the template's property '\(DocumentTemplate.modelPropertyName)' names the variant '\(variant)' of the model '\(base)', "
                                       + "which it does not have; give --model \(base) to render without the variant",
                                   at: declared.location)
            }
            return chosen
        }
    }

    /// `official-report:party` → ("official-report", "party"); no colon → (name, nil).
    static func split(_ declared: String) -> (name: String, variant: String?) {
        guard let colon = declared.firstIndex(of: ":") else { return (declared, nil) }
        return (String(declared[..<colon]), String(declared[declared.index(after: colon)...]))
    }
}
