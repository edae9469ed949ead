import Foundation

/// Compiled templates by path, for a program that renders the same templates again and again
/// (a server): a template is compiled once and compiled again only when its file changes
/// (another size or modification time). One cache holds templates compiled with one set of
/// options. Safe to use from many threads; two threads asking for the same new template may
/// both compile it (the last one kept), which costs time, never a wrong result.
public final class TemplateCache: @unchecked Sendable {
    /// The options every template in this cache is compiled with.
    public let options: CompileOptions
    private let lock = NSLock()
    // Guarded by `lock`.
    private var entries: [String: (stamp: FileStamp, template: DocumentTemplate)] = [:]

    /// Makes an empty cache whose templates are compiled with `options`.
    public init(options: CompileOptions = CompileOptions()) { self.options = options }

    /// The template at `path`, compiled now or earlier from the same file contents' stamp.
    public func template(at path: String) throws -> DocumentTemplate {
        let stamp = FileStamp(path)
        if let stamp, let cached = lock.withLock({ entries[path] }), cached.stamp == stamp { return cached.template }
        let template = try DocumentTemplate(contentsOf: path, options: options)
        if let stamp { lock.withLock { entries[path] = (stamp, template) } }
        return template
    }

    /// How many templates are held.
    public var count: Int { lock.withLock { entries.count } }

    /// Forgets every template.
    public func removeAll() { lock.withLock { entries.removeAll() } }
}

/// What tells one version of a file from another without reading it.
struct FileStamp: Equatable {
    var size: off_t
    var seconds: Int
    var nanoseconds: Int
    var inode: ino_t

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = info.st_size
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        seconds = Int(modified.tv_sec)
        nanoseconds = Int(modified.tv_nsec)
        inode = info.st_ino
    }
}
