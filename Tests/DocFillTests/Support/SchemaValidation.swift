import Foundation

/// Runs the schema validators (Tests/Resources/schemas/tools) and returns the set of error
/// messages, with line numbers removed, so that an output can be checked to add no error its
/// template did not already have.
enum SchemaValidation {
    static func errors(of path: String) throws -> Set<String> {
        let isODF = path.hasSuffix(".odt") || path.hasSuffix(".fodt")
        let script = TestPaths.resources.appendingPathComponent("schemas/tools/\(isODF ? "validate-odf.sh" : "validate-docx.sh")").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 2: a validator's tool is missing; 127: the validator itself is (Tests/Resources
        // incomplete), which would otherwise compare one "not found" message with itself.
        if process.terminationStatus == 2 || process.terminationStatus == 127 { throw ValidationUnavailable(output: output) }
        var errors = Set<String>()
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("     ") || text.hasPrefix("FAIL") else { continue }
            // "word/numbering.xml:7: element …" → "word/numbering.xml: element …"
            errors.insert(text.replacingOccurrences(of: #":\d+:"#, with: ":", options: .regularExpression))
        }
        if process.terminationStatus != 0 && errors.isEmpty { errors.insert(output) }
        return errors
    }

    struct ValidationUnavailable: Error { let output: String }
}
