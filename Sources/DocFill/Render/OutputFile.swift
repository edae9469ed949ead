import Foundation

/// Writing results so that a reader never sees half a file: write a temporary file in the
/// target's folder (same file system, so rename is atomic), then rename it over the target.
enum OutputFile {
    static func writeAtomically(to path: String, _ write: (_ tempPath: String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocFillError("io_error", "the output folder '\(folder)' does not exist", at: SourceLocation(file: path))
        }
        let temp = folder + "/." + url.lastPathComponent + ".docfill-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        do {
            try write(temp)
            guard rename(temp, path) == 0 else {
                throw DocFillError("io_error", "cannot move the result into place: \(String(cString: strerror(errno)))",
                                   at: SourceLocation(file: path))
            }
        } catch {
            unlink(temp)
            throw error
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw DocFillError("io_error", "cannot write '\(path)'", at: SourceLocation(file: path))
        }
    }

    /// Writing over the template would destroy it mid-read; refuse, even through another path.
    static func refuseOverwritingTemplate(output: String, template: String) throws {
        var a = stat(), b = stat()
        if stat(output, &a) == 0, stat(template, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
            throw DocFillError("output_is_template", "the output would overwrite the template; choose another output path",
                               at: SourceLocation(file: output))
        }
    }
}
