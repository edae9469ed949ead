/// How a template is compiled.
public struct CompileOptions: Sendable {
    public var delimiters: Delimiters = .mustache
    public var limits: ArchiveLimits = ArchiveLimits()
    /// Filters that tags may name; an unknown name is a compile error. Given once, here: the
    /// compiled template keeps them for every render.
    public var filters: FilterSet = .standard

    public init(delimiters: Delimiters = .mustache, limits: ArchiveLimits = ArchiveLimits(), filters: FilterSet = .standard) {
        self.delimiters = delimiters; self.limits = limits; self.filters = filters
    }
}
