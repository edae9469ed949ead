/// The benchmark's floor for a whole document: open the archive, parse and serialise every
/// text part with libxml2 with nothing substituted, and write a new archive the same way a
/// render does (other entries copied raw).
package enum ArchiveFloor {
    package static func roundTrip(template: [UInt8], file: String, output: String) throws {
        let bytes = TemplateBytes(template)
        let reader = try ZipReader(bytes, file: file, limits: ArchiveLimits())
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
