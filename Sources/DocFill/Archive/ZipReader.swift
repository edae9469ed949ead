#if canImport(Glibc)
import Glibc
#endif
import CLibZip

/// A read-only libzip handle over a template's bytes. One per render or compile: zip_t is not
/// safe to share between threads.
final class ZipReader {
    let archive: OpaquePointer
    let file: String
    let entries: [ArchiveEntry]
    private let bytes: TemplateBytes   // must outlive `archive`
    private let limits: ArchiveLimits

    init(_ bytes: TemplateBytes, file: String, limits: ArchiveLimits) throws {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        if bytes.count == 0 {
            throw DocFillError("not_a_zip", "the file is empty; an office document is a zip file",
                               at: SourceLocation(file: file))
        }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(bytes.pointer.baseAddress, UInt64(bytes.count), 0, &error) else {
            throw ZipErrors.from(&error, file: file)
        }
        // Not ZIP_CHECKCONS: it refuses harmless differences between the headers too;
        // ZipLayout checks the ones that matter.
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            throw ZipErrors.from(&error, file: file)
        }
        self.archive = archive
        do {
            // Both before `entries` is set: once every property is, a throw would run deinit too.
            let entries = try Self.listEntries(archive, file: file, limits: limits)
            try ZipLayout.check(UnsafeRawBufferPointer(start: bytes.pointer.baseAddress, count: bytes.count),
                                entryCount: entries.count, file: file)
            self.entries = entries
        } catch {
            zip_discard(archive)
            throw error
        }
    }

    deinit { zip_discard(archive) }

    private static func listEntries(_ archive: OpaquePointer, file: String, limits: ArchiveLimits) throws -> [ArchiveEntry] {
        let count = Int(zip_get_num_entries(archive, 0))
        if count > limits.maxEntries {
            throw DocFillError("zip_bomb", "the archive has \(count) entries (limit \(limits.maxEntries))",
                               at: SourceLocation(file: file))
        }
        var entries: [ArchiveEntry] = []
        entries.reserveCapacity(count)
        var seen = Set<String>()
        var total = 0
        for index in 0..<count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(archive, UInt64(index), ZIP_FL_ENC_GUESS, &st) == 0, let cName = st.name else {
                throw ZipErrors.from(zip_get_error(archive), file: file)
            }
            let name = String(decoding: UnsafeRawBufferPointer(start: cName, count: strlen(cName)), as: UTF8.self)
            let place = SourceLocation(file: file, part: name)
            guard ArchiveEntry.isSafeName(name) else {
                throw DocFillError("unsafe_entry_name", "entry name '\(name)' is absolute or leaves the archive", at: place)
            }
            guard seen.insert(name).inserted else {
                throw DocFillError("duplicate_entry", "entry '\(name)' appears twice in the archive", at: place)
            }
            let entry = ArchiveEntry(index: index, name: name, size: Int(clamping: st.size),
                                     compressedSize: Int(clamping: st.comp_size),
                                     compressionMethod: Int32(st.comp_method),
                                     isEncrypted: st.encryption_method != UInt16(ZIP_EM_NONE))
            if entry.isEncrypted {
                throw DocFillError("encrypted_entry", "entry '\(name)' is encrypted", at: place)
            }
            if zip_compression_method_supported(entry.compressionMethod, 0) == 0 {
                throw DocFillError("unsupported_compression",
                                   "entry '\(name)' uses compression method \(entry.compressionMethod)", at: place)
            }
            if entry.size > limits.maxEntrySize {
                throw DocFillError("zip_bomb", "entry '\(name)' declares \(entry.size) bytes (limit \(limits.maxEntrySize))", at: place)
            }
            if entry.size > limits.ratioFloor, entry.size / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                throw DocFillError("zip_bomb", "entry '\(name)' expands \(entry.size / max(entry.compressedSize, 1))× (limit \(limits.maxCompressionRatio)×)", at: place)
            }
            total += entry.size
            if total > limits.maxTotalSize {
                throw DocFillError("zip_bomb", "entries declare more than \(limits.maxTotalSize) bytes in total", at: place)
            }
            entries.append(entry)
        }
        return entries
    }

    /// The entry's bytes, read at most to its declared size + 1 so that a header that lies
    /// about the size fails instead of inflating without bound.
    func read(_ entry: ArchiveEntry) throws -> [UInt8] {
        let place = SourceLocation(file: file, part: entry.name)
        guard let handle = zip_fopen_index(archive, UInt64(entry.index), 0) else {
            throw ZipErrors.from(zip_get_error(archive), file: file, part: entry.name)
        }
        var result = [UInt8](repeating: 0, count: entry.size + 1)
        var filled = 0
        let failure: DocFillError? = result.withUnsafeMutableBytes { buffer -> DocFillError? in
            while filled < buffer.count {
                let n = zip_fread(handle, buffer.baseAddress! + filled, UInt64(buffer.count - filled))
                if n < 0 { return ZipErrors.from(zip_file_get_error(handle), file: file, part: entry.name) }
                if n == 0 { break }
                filled += Int(n)
            }
            return nil
        }
        let closeCode = zip_fclose(handle)
        if let failure { throw failure }
        if filled > entry.size {
            throw DocFillError("zip_bomb", "entry '\(entry.name)' inflates past the \(entry.size) bytes its header declares", at: place)
        }
        if filled < entry.size {
            throw DocFillError("corrupt_archive", "entry '\(entry.name)' holds fewer bytes than its header declares (\(entry.size))", at: place)
        }
        if closeCode != 0 { throw ZipErrors.fromCode(closeCode, file: file, part: entry.name) }
        result.removeLast()
        return result
    }

    func entry(named name: String) -> ArchiveEntry? { entries.first { $0.name == name } }
}
