import Foundation

/// Which installed font stands in for a requested one, as fontconfig (`fc-match`, the lookup
/// LibreOffice makes) answers: Times New Roman is printed with Liberation Serif where only
/// fonts-liberation2 is installed. `render --pdf` says so once, so that a PDF's fonts are no
/// surprise; nothing is said when fc-match is missing.
public enum FontSubstitution {
    /// Requested family → the family fontconfig gives for it, only where the two differ.
    public static func substitutes(for families: [String]) -> [(requested: String, used: String)] {
        guard let tool = try? ExternalTool.find("fc-match", explicit: nil, extraPlaces: [], code: "fontconfig_missing",
                                                install: "apt-get install fontconfig") else { return [] }
        return families.compactMap { family in
            guard let used = match(tool, family), used.caseInsensitiveCompare(family) != .orderedSame else { return nil }
            return (family, used)
        }
    }

    /// The one warning for a document's substitutions, nil when every font is installed.
    public static func warning(for substitutes: [(requested: String, used: String)], file: String) -> Diagnostic? {
        guard !substitutes.isEmpty else { return nil }
        let list = substitutes.map { "\($0.requested) → \($0.used)" }.joined(separator: ", ")
        return Diagnostic("font_substituted",
                          "fonts the document asks for are not installed; the PDF uses what fontconfig gives instead: \(list)",
                          at: SourceLocation(file: file), severity: .warning)
    }

    /// fc-match's first family for `family` (`fc-match -f '%{family[0]}' NAME`).
    static func match(_ tool: ExternalTool, _ family: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.path)
        process.arguments = ["-f", "%{family[0]}", family]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }
}
