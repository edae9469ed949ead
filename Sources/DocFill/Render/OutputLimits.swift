/// Bounds on what a render writes. A render is refused with `output_too_large` as soon as a
/// part's buffer would cross its bound — the expansion stops there, before the memory is
/// spent: rendered parts are held in memory until the document is written, so without a
/// bound one section over a long list can grow without end.
///
/// The defaults admit a 100,000-row table of six columns (its `word/document.xml` is 76 MiB)
/// and keep what they admit within the memory model of the README ("Output guarantees").
public struct OutputLimits: Sendable, Hashable {
    /// Largest rendered part (a DOCX `word/document.xml`, an ODT `content.xml`, a flat ODT,
    /// a text template's output), in bytes (`--max-part-mib`).
    public var maxPartSize: Int
    /// Largest whole output, in bytes (`--max-output-mib`): every entry of the archive as a
    /// reader unpacks it — rendered parts, pictures added, entries copied from the template
    /// (their uncompressed size) — or the text a flat ODT or text template writes.
    public var maxTotalSize: Int

    /// Makes limits with the given bounds in bytes; the defaults are 96 MiB per part and 128 MiB in all.
    public init(maxPartSize: Int = 96 << 20, maxTotalSize: Int = 128 << 20) {
        self.maxPartSize = maxPartSize
        self.maxTotalSize = maxTotalSize
    }

    /// The bound a part is rendered under when `spoken` bytes of the output are already taken
    /// (other parts, pictures, copied entries): its own limit, or what the whole output has
    /// left, whichever is smaller.
    func bound(spoken: Int) -> OutputBound {
        let left = max(0, maxTotalSize - spoken)
        return left < maxPartSize ? OutputBound(bytes: left, limit: maxTotalSize, wholeOutput: true)
                                  : OutputBound(bytes: maxPartSize, limit: maxPartSize, wholeOutput: false)
    }
}

/// The bytes one part may take, and which limit that comes from (for the message).
struct OutputBound {
    /// Bytes this part may take.
    let bytes: Int
    /// The limit in force (the whole output's, or a part's).
    let limit: Int
    let wholeOutput: Bool

    /// `output_too_large` for the tag whose rendering crossed the bound in `part` (nil for a
    /// text template): names the limit and the option that raises it.
    /// A nil `tag`: the template's own text crossed it.
    func message(tag: String?, part: String?) -> String {
        let cause = tag.map { "rendering '\($0)'" } ?? "the template's own text"
        let what = !wholeOutput ? part.flatMap { $0.isEmpty ? nil : "the part \($0)" } ?? "the output" : "the output"
        let option = wholeOutput ? "--max-output-mib" : "--max-part-mib"
        let kind = wholeOutput ? "the limit of the whole output" : "the limit of one rendered part"
        return "\(cause) made \(what) larger than \(Self.size(limit)), \(kind); raise it with \(option)"
    }

    /// `output_too_large` for pictures that, added after the parts, pass the whole output's limit.
    static func picturesMessage(limit: Int) -> String {
        "the pictures made the output larger than \(size(limit)), the limit of the whole output; raise it with --max-output-mib"
    }

    /// `96 MiB` when a whole number of MiB, else bytes.
    static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
