#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibZip

/// Writes a new archive with libzip. Same inputs give the same bytes on any machine and in any
/// time zone: entries keep the order they are added in, every entry carries one fixed DOS
/// timestamp (zip_file_set_mtime would go through localtime), and one fixed deflate level.
final class ZipWriter {
    /// 1980-01-01 00:00:00, the first instant a DOS timestamp can hold.
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0
    /// Deflate level for rendered parts. Level 1 writes a 2 MB part ~3× faster than the
    /// default 9 for output ~10% larger; reports are printed, not archived for size.
    static let deflateLevel: UInt32 = 1

    private var archive: OpaquePointer?
    /// The archive is built in memory and written to `path` in one go by `close()`: writing
    /// to a file, libzip would make its own temporary file beside it (named with
    /// cryptographic random bytes) and rename it, which the caller's temp file already does.
    private let sink: OpaquePointer
    /// Where `close()` writes, and the file messages name (the output as the user gave it,
    /// when `close(into:target:)` writes elsewhere).
    let path: String

    init(path: String) throws {
        self.path = path
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let sink = zip_source_buffer_create(nil, 0, 0, &error) else { throw ZipErrors.from(&error, file: path) }
        guard let archive = zip_open_from_source(sink, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            zip_source_free(sink)
            throw ZipErrors.from(&error, file: path)
        }
        // Kept past zip_close, which would otherwise free it with the archive.
        zip_source_keep(sink)
        self.sink = sink
        self.archive = archive
    }

    deinit {
        if let archive { zip_discard(archive) }
        zip_source_free(sink)
    }

    /// Adds bytes as a new entry. `store` writes them uncompressed (ODF's mimetype).
    func add(name: String, bytes: [UInt8], store: Bool = false) throws {
        guard archive != nil else { return }
        let copy = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { if let b = $0.baseAddress { copy.copyMemory(from: b, byteCount: $0.count) } }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // freep = 1: libzip frees the copy once the source is done with it.
        guard let source = zip_source_buffer_create(copy, UInt64(bytes.count), 1, &error) else {
            free(copy)
            throw ZipErrors.from(&error, file: path, part: name)
        }
        try addSource(source, name: name, method: store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                      level: store ? 0 : Self.deflateLevel)
    }

    /// Adds a rendered part without copying it: libzip takes the buffer's memory.
    func add(name: String, buffer: OutputBuffer, store: Bool = false) throws {
        guard archive != nil else { return }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // Lent, not given: libzip reads the buffer during close(); it stays ours to reuse.
        guard let source = zip_source_buffer_create(buffer.base, UInt64(buffer.count), 0, &error) else {
            throw ZipErrors.from(&error, file: path, part: name)
        }
        lent.append(buffer)
        try addSource(source, name: name, method: store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                      level: store ? 0 : Self.deflateLevel)
    }

    /// Buffers libzip reads from until close(); kept alive (and unchanged) until then.
    private var lent: [OutputBuffer] = []

    /// Copies an entry of another archive without inflating it: its compressed bytes go
    /// through unchanged. `reader` must stay open until `close()`.
    func copy(_ entry: ArchiveEntry, from reader: ZipReader) throws {
        guard let archive else { return }
        guard let source = zip_source_zip(archive, reader.archive, UInt64(entry.index), 0, 0, -1) else {
            throw ZipErrors.from(zip_get_error(archive), file: path, part: entry.name)
        }
        try addSource(source, name: entry.name, method: nil, level: 0)
    }

    private func addSource(_ source: OpaquePointer, name: String, method: Int32?, level: UInt32) throws {
        guard let archive else { return }
        let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8)
        if index < 0 {
            zip_source_free(source)   // on failure the caller still owns the source
            throw ZipErrors.from(zip_get_error(archive), file: path, part: name)
        }
        let i = UInt64(index)
        var ok = zip_file_set_dostime(archive, i, Self.dosTime, Self.dosDate, 0) == 0
        if let method { ok = ok && zip_set_file_compression(archive, i, method, level) == 0 }
        if !ok { throw ZipErrors.from(zip_get_error(archive), file: path, part: name) }
    }

    /// Writes the archive to `path` (atomically, by the output rules of `OutputTarget`).
    func close() throws {
        let target = try OutputTarget(path)
        try target.write { fd in try close(into: fd, target: target) }
    }

    /// Builds the archive and writes it to the open descriptor `fd` (a temporary file, or
    /// standard output); the caller closes it. Nothing is written when building fails.
    func close(into fd: Int32, target: OutputTarget) throws {
        guard let archive else { return }
        if zip_close(archive) != 0 {
            let error = ZipErrors.from(zip_get_error(archive), file: path)
            zip_discard(archive)
            self.archive = nil
            throw error
        }
        self.archive = nil
        try writeSink(to: fd, target: target)
    }

    private func writeSink(to fd: Int32, target: OutputTarget) throws {
        guard zip_source_open(sink) == 0 else { throw ZipErrors.from(zip_source_error(sink), file: path) }
        defer { zip_source_close(sink) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = zip_source_read(sink, buffer, UInt64(chunk))
            if n < 0 { throw ZipErrors.from(zip_source_error(sink), file: path) }
            if n == 0 { break }
            try target.writeAll(fd, buffer, count: Int(n))
        }
    }
}
