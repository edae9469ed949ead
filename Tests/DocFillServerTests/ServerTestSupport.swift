import DocFill
import DocFillServer
import Foundation
import Hummingbird
import Testing

/// Shared by the server tests: a fresh workspace (copies of the bundled files), the
/// application over it, the `docfill` binary for comparisons.
enum ServerTest {
    /// The repository's top folder.
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new workspace holding copies of Templates/, Samples/ and Examples/.
    static func workspace() throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-server-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let folder = parent.appendingPathComponent("ws")
        try DefaultWorkspace.make(folder, from: repo)
        return folder
    }

    /// Runs `body` against the application over a new workspace (no socket).
    static func withApp(token: String? = nil, host: String = "127.0.0.1", limits: ServerLimits = ServerLimits(),
                        _ body: @Sendable (TestClient, URL) async throws -> Void) async throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let app = try DocFillServer.makeApplication(ServerConfiguration(workspace: folder, host: host, port: 0, token: token, limits: limits))
        try await body(try await TestClient(app), folder)
    }

    /// The `docfill` executable built beside the tests.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("docfill").path

    struct Run { var status: Int32; var stdout: Data; var stderr: String }

    /// Runs `docfill` in `folder`, `stdin` piped in.
    static func docfill(_ arguments: [String], in folder: URL, stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out; process.standardError = err; process.standardInput = input
        try process.run()
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let errors = Locked(Data())
        let reader = Thread { errors.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errors.done { usleep(1000) }
        return Run(status: process.terminationStatus, stdout: o, stderr: String(decoding: errors.value, as: UTF8.self))
    }

    /// The JSON of a response body.
    static func json(_ buffer: ByteBuffer) throws -> Value {
        try DataLoader.loadJSON(Array(buffer.readableBytesView), file: "response")
    }

    /// A file's bytes as a request body.
    static func body(_ url: URL) throws -> ByteBuffer { ByteBuffer(data: try Data(contentsOf: url)) }
}

/// A value set once by another thread.
final class Locked<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    private var isSet = false
    init(_ value: T) { stored = value }
    func set(_ value: T) { lock.withLock { stored = value; isSet = true } }
    var value: T { lock.withLock { stored } }
    var done: Bool { lock.withLock { isSet } }
}

extension Value {
    /// The items of an array, empty otherwise.
    var items: [Value] {
        if case .array(let a) = self { return a }
        return []
    }

    /// The string, nil for anything else.
    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

extension ServerTest {
    /// The code of an error response (`{"error": {"code": …}}`), nil for another body.
    static func errorCode(_ buffer: ByteBuffer) throws -> String? {
        try json(buffer)["error"]?["code"]?.string
    }
}
