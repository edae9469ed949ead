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
    /// Entries smaller than this many uncompressed bytes skip the ratio check.
    public var ratioFloor: Int = 16 << 20
    /// The most entries a template archive may have; more is refused as a likely zip bomb.
    public var maxEntries: Int = 10_000

    /// Makes limits with the defaults, which every ordinary template is well within.
    public init() {}
}
