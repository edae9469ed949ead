import Foundation

/// A value that knows the data a template reads from it: a typed model whose templates see
/// a computed view (the official report's `number_line`, `date_line`, totals…) rather than
/// its stored fields. The render entry points ask for this before encoding a value as
/// `Encodable`, so `template.render(report, to: …)` renders the view.
public protocol TemplateData {
    /// The data the template sees.
    func templateValue() throws -> Value
}

extension Value: TemplateData {
    /// The value itself.
    public func templateValue() -> Value { self }
}

/// The engine data of any model a render entry point takes (see `TemplateData`).
func templateValue(of model: some Encodable) throws -> Value {
    if let data = model as? any TemplateData { return try data.templateValue() }
    return try ValueEncoder().encode(model)
}
