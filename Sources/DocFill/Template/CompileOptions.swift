/// How a template is compiled.
public struct CompileOptions: Sendable {
    /// The tag markers the template uses; a template may still change them with `{{=<% %>=}}`.
    public var delimiters: Delimiters = .mustache
    /// Bounds on the template archive (entry count, sizes, compression ratio).
    public var limits: ArchiveLimits = ArchiveLimits()
    /// Filters that tags may name; an unknown name is a compile error. Given once, here: the
    /// compiled template keeps them for every render.
    public var filters: FilterSet = .standard

    /// Makes options; the defaults are `{{ }}`, the standard archive limits and the standard filters.
    public init(delimiters: Delimiters = .mustache, limits: ArchiveLimits = ArchiveLimits(), filters: FilterSet = .standard) {
        self.delimiters = delimiters; self.limits = limits; self.filters = filters
    }
}
