import Foundation

/// An external program DocFill hands work to (LibreOffice, poppler). Found on PATH or at an
/// explicit path; when it is missing the error says which package to install.
public struct ExternalTool: Sendable, Hashable {
    /// Absolute path of the executable.
    public let path: String

    /// Names a tool by its executable's path, without checking that it exists.
    public init(path: String) { self.path = path }

    /// LibreOffice's `soffice`: `explicit` if given, else PATH, else the macOS app bundle.
    public static func soffice(explicit: String? = nil) throws -> ExternalTool {
        try find("soffice", explicit: explicit, extraPlaces: ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
                 code: "libreoffice_missing", install: "apt-get install libreoffice-writer-nogui")
    }

    /// A poppler-utils program (`pdftoppm`, `pdfinfo`).
    public static func poppler(_ name: String) throws -> ExternalTool {
        try find(name, explicit: nil, extraPlaces: [], code: "poppler_missing", install: "apt-get install poppler-utils")
    }

    static func find(_ name: String, explicit: String?, extraPlaces: [String], code: String,
                     install: String) throws -> ExternalTool {
        if let explicit {
            // An explicit path that does not work is an error even if PATH has one: the user
            // asked for that installation.
            if let found = executable(explicit.contains("/") ? explicit : nil) ?? search(explicit) {
                return ExternalTool(path: found)
            }
            throw DocFillError(code, "'\(explicit)' is not an executable \(name); install: \(install)")
        }
        if let found = search(name) ?? extraPlaces.lazy.compactMap(executable).first {
            return ExternalTool(path: found)
        }
        throw DocFillError(code, "\(name) was not found on PATH; install: \(install)")
    }

    private static func search(_ name: String) -> String? {
        guard !name.contains("/") else { return nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.compactMap { executable("\($0)/\(name)") }.first
    }

    private static func executable(_ path: String?) -> String? {
        guard let path else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              access(path, X_OK) == 0 else { return nil }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
