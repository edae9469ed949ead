import Foundation

/// Where a result goes, checked before any work is done: the rules every command that writes
/// a file shares (render, next-year, batch, preview), in one place.
///
/// - `-` is standard output: the result is written there and nothing goes to disk.
/// - A symbolic link is followed: the file it points to is replaced (the link stays a link).
/// - Something that exists and is not a regular file (a folder, a FIFO, a device such as
///   `/dev/null`, a socket) is refused with `output_not_regular` and left alone.
/// - The output may not be one of the inputs (`output_is_template`, `output_is_data`),
///   through whatever path.
/// - A file that is replaced keeps its permission bits.
public struct OutputTarget: Sendable {
    /// The inputs an output must never overwrite.
    public enum Input: Sendable {
        /// A template file, which an output may not replace (`output_is_template`).
        case template(String)
        /// A data file, which an output may not replace (`output_is_data`).
        case data(String)
    }

    /// The path as given (`-` for standard output); messages name this.
    public let path: String
    /// The file created or replaced: `path` with symbolic links followed. Nil for standard output.
    public let file: String?
    /// Permission bits of the file being replaced, kept by the new one.
    let mode: mode_t?

    /// Whether the result goes to standard output (`-`) rather than to a file.
    public var isStandardOutput: Bool { file == nil }

    /// Checks `path` against the rules above and the inputs it must not overwrite; throws a ``DocFillError`` before any work is done.
    public init(_ path: String, protecting inputs: [Input] = []) throws {
        self.path = path
        guard path != "-" else { file = nil; mode = nil; return }
        let place = SourceLocation(file: path)
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw DocFillError("output_not_regular", "\(Self.phrase(info.st_mode)), not a regular file; give a file path, or - for standard output",
                                   at: place)
            }
            for input in inputs { try Self.refuse(input, sameAs: info, at: place) }
            mode = info.st_mode & 0o777
        } else {
            mode = nil
        }
        let resolved = try Self.followLinks(path)
        let folder = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocFillError("io_error", "the output folder '\(folder)' does not exist", at: place)
        }
        file = resolved
    }

    private static func refuse(_ input: Input, sameAs output: stat, at place: SourceLocation) throws {
        let (path, code, name): (String, String, String)
        switch input {
        case .template(let p): (path, code, name) = (p, "output_is_template", "the template")
        case .data(let p): (path, code, name) = (p, "output_is_data", "the data file")
        }
        var info = stat()
        guard path != "-", stat(path, &info) == 0, info.st_dev == output.st_dev, info.st_ino == output.st_ino else { return }
        throw DocFillError(code, "the output would overwrite \(name); choose another output path", at: place)
    }

    static func phrase(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "it is a folder"
        case S_IFIFO: return "it is a FIFO (named pipe)"
        case S_IFCHR: return "it is a character device"
        case S_IFBLK: return "it is a block device"
        case S_IFSOCK: return "it is a socket"
        default: return "it is a special file"
        }
    }

    /// The path with every symbolic link at its end followed (also one pointing nowhere yet:
    /// the file is created where it points, as a shell's `>` does).
    static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { break }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : (URL(fileURLWithPath: current).deletingLastPathComponent().path as NSString).appendingPathComponent(link)
        }
        throw DocFillError("io_error", "too many symbolic links to follow", at: SourceLocation(file: path))
    }

    // MARK: Writing

    /// Writes the result through `body`, which gets an open file descriptor. For a file, that
    /// is a temporary file in the folder of the file replaced (same file system, so the
    /// rename is atomic), renamed onto it only when complete; a reader never sees half a
    /// file and a failure leaves nothing. For standard output, it is descriptor 1.
    public func write(_ body: (Int32) throws -> Void) throws {
        guard let file else { return try body(STDOUT_FILENO) }
        Self.removeStaleTemporaryFiles(of: file)
        let temp = Self.temporaryName(beside: file)
        let fd = TemporaryFiles.createFile(temp)
        guard fd >= 0 else { throw failure("cannot create the output") }
        var isOpen = true
        do {
            defer { if isOpen { close(fd) } }
            if let mode, fchmod(fd, mode) != 0 { throw failure("cannot set the output's permissions") }
            try body(fd)
            isOpen = false
            // Some write errors (a full disk on a network file system) only show here.
            guard close(fd) == 0 else { throw failure("cannot finish writing the output") }
            guard TemporaryFiles.commit(temp, to: file) else { throw failure("cannot move the result into place") }
        } catch {
            TemporaryFiles.discard(temp)
            throw error
        }
    }

    /// Writes `bytes` to the target (see `write(_:)`).
    public func write(_ bytes: [UInt8]) throws {
        try write { fd in try writeAll(fd, bytes) }
    }

    /// Creates an output folder (and its parents) if it is missing: where `batch` and
    /// `preview` write their files.
    public static func makeFolder(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw DocFillError("io_error", "cannot create the output folder: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
    }

    /// Puts a finished file made elsewhere (a PDF, an image) at the target: renamed onto it,
    /// or copied beside it and renamed where the rename crosses file systems; to standard
    /// output, its bytes are copied there.
    public func place(_ finished: String) throws {
        if let file {
            Self.removeStaleTemporaryFiles(of: file)
            if let mode { chmod(finished, mode) }
            if rename(finished, file) == 0 { return }
            guard errno == EXDEV else { throw failure("cannot move the result into place") }
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: finished)) } catch {
            throw DocFillError("io_error", "cannot read the result: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        try write([UInt8](data))
    }

    /// Writes every byte, retrying short writes and interruptions.
    public func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            try writeAll(fd, buffer.baseAddress, count: buffer.count)
        }
    }

    func writeAll(_ fd: Int32, _ base: UnsafeRawPointer?, count: Int) throws {
        guard let base else { return }
        var written = 0
        while written < count {
            let n = Foundation.write(fd, base + written, count - written)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the output")
            }
            written += n
        }
    }

    /// An error naming the target as given, with the system's reason.
    func failure(_ what: String) -> DocFillError {
        DocFillError("io_error", "\(what): \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
    }
}

extension OutputTarget {
    /// Extensions of files that hold office or PDF content: an output named so must get that
    /// content. Other extensions, and none, are the user's choice.
    static let knownExtensions: Set<String> = ["docx", "docm", "dotx", "dotm", "doc", "rtf", "odt", "ott", "fodt",
                                               "xlsx", "xls", "ods", "fods", "pptx", "ppt", "odp", "fodp", "pdf"]

    /// Refuses an output whose extension says another format than the content it would get
    /// (`x.odt` for DOCX content): the file would not open, or open as garbage. The format's
    /// package says which extensions name it (`FormatPackage.extensions`).
    public static func checkFormat(_ path: String, content format: DocumentFormat, template: String) throws {
        guard path != "-" else { return }
        let ext = (path as NSString).pathExtension.lowercased()
        guard knownExtensions.contains(ext), !format.package.extensions.contains(ext) else { return }
        throw DocFillError("output_format_mismatch",
                           "a .\(ext) file would get \(format.name) content from the template '\(template)'; name the output .\(format.rawValue)",
                           at: SourceLocation(file: path))
    }
}
