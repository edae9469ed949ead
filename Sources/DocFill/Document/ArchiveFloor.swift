/// The benchmark's floor for a whole document: open the archive, parse and serialise every
/// text part with libxml2 with nothing substituted, and write a new archive the same way a
/// render does (other entries copied raw).
package enum ArchiveFloor {
    /// `limits`: what the archive may hold; a rendered output is read under the output limits
    /// it was written under (`ArchiveLimits(readingOutput:)`), larger than a template's.
    package static func roundTrip(template: [UInt8], file: String, output: String, limits: ArchiveLimits = ArchiveLimits()) throws {
        let bytes = TemplateBytes(template)
        let reader = try ZipReader(bytes, file: file, limits: limits)
        let parts = Set(try FormatDetection.detect(reader).textParts(reader))
        let writer = try ZipWriter(path: output)
        for entry in reader.entries {
            if parts.contains(entry.name) {
                try writer.add(name: entry.name, bytes: XMLFloor.roundTrip(try reader.read(entry)),
                               store: entry.name == "mimetype")
            } else {
                try writer.copy(entry, from: reader)
            }
        }
        try writer.close()
        withExtendedLifetime(reader) {}
    }
}

extension ArchiveLimits {
    /// Limits that admit whatever a render under `output` may write: an entry as large as a
    /// rendered part, a whole archive as large as the whole output (the template limits are
    /// smaller: a 100,000-row table renders a 76 MiB part, over the 64 MiB entry limit).
    public init(readingOutput output: OutputLimits) {
        self.init()
        maxEntrySize = max(maxEntrySize, output.maxPartSize)
        maxTotalSize = max(maxTotalSize, output.maxTotalSize)
    }
}
