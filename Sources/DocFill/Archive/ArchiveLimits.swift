/// Bounds on what a template archive may contain. Every read is checked against them, so a
/// zip bomb or a lying header is refused before it is inflated into memory.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest uncompressed size of one entry, as declared and as actually read. With the
    /// total below, what the defaults admit fits in 256 MiB of memory (README, "Output
    /// guarantees"): the template file is held whole, and one entry at a time is read.
    public var maxEntrySize: Int = 64 << 20
    /// Largest uncompressed size of all entries together.
    public var maxTotalSize: Int = 128 << 20
    /// Largest uncompressed : compressed ratio, checked for entries above `ratioFloor` bytes
    /// (tiny parts compress oddly and are harmless).
    public var maxCompressionRatio: Int = 200
    public var ratioFloor: Int = 16 << 20
    public var maxEntries: Int = 10_000

    public init() {}
}
