import Foundation

/// Validates JSON data against a JSON Schema with python3's `jsonschema` (Draft 2020-12).
/// Exit status 0: valid; 3: invalid (messages on stdout). Anything else, such as the module
/// missing, is a failure of the tool, which callers must treat as a test failure, not a skip.
enum JSONSchemaValidator {
    static let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    data = json.load(open(sys.argv[2], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    for e in errors:
        print("/".join(str(p) for p in e.path) + ": " + e.message)
    sys.exit(3 if errors else 0)
    """

    struct Outcome { var status: Int32; var output: String }

    static func validate(data: Data, schema: Data) throws -> Outcome {
        let dir = TestPaths.scratch("jsonschema")
        let schemaURL = dir.appendingPathComponent("schema.json"), dataURL = dir.appendingPathComponent("data.json")
        try schema.write(to: schemaURL)
        try data.write(to: dataURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, schemaURL.path, dataURL.path]
        let pipe = Pipe()
        process.standardOutput = pipe; process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: output)
    }
}
