import ArgumentParser
import DocFill
import DocFillServer
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a workspace of templates and data files to a browser, and a JSON API (/openapi.yaml).",
        discussion: """
        Pages in Vietnamese (English by the browser's language or the switch): the workspace's files, a form for each data file (the official report's own editor), its check messages, page preview and downloads (DOCX, ODT, PDF), next year and what changed. Without --workspace, ./docfill-workspace is used, made on the first run with copies of DocFill's Templates/, Samples/ and Examples/. Binds 127.0.0.1 unless --host is given; another address needs --token or --token-file, and every request must then carry the token (Authorization: Bearer TOKEN, or open /?token=TOKEN once in the browser).
        """)

    @Option(help: "The workspace folder (default: ./docfill-workspace, made on the first run).") var workspace: String?
    @Option(help: "The TCP port (0: any free port).") var port: Int = 8080
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The access token every request must carry (at least 16 characters).") var token: String?
    @Option(help: "A file whose first line is the access token.") var tokenFile: String?

    func run() throws {
        do {
            let configuration = try makeConfiguration()
            try configuration.validate()
            SignalCleanup.add { DocFillServer.stopPreviews() }
            let outcome = ServeOutcome()
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await DocFillServer.run(configuration) { address in
                        // Unbuffered: a script waiting for the address reads it at once.
                        FileHandle.standardOutput.write(Data("docfill serve: \(address) (workspace \(configuration.workspace.path))\n".utf8))
                    }
                } catch { outcome.set(error) }
                done.signal()
            }
            done.wait()
            if let error = outcome.error { throw error }
        } catch {
            reportAndExit(error)
        }
    }

    func makeConfiguration() throws -> ServerConfiguration {
        if token != nil, tokenFile != nil {
            throw DocFillError("invalid_option", "give --token or --token-file, not both")
        }
        var secret = token
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw DocFillError("io_error", "cannot read the token file", at: SourceLocation(file: tokenFile))
            }
            secret = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let folder: URL
        if let workspace {
            folder = URL(fileURLWithPath: workspace, isDirectory: true)
        } else {
            let (url, created) = try DefaultWorkspace.prepare()
            if created { print("docfill serve: made the workspace \(url.path) with copies of Templates/, Samples/ and Examples/") }
            folder = url
        }
        return ServerConfiguration(workspace: folder, host: host, port: port, token: secret)
    }
}

/// The server's error, handed from its task to the command's thread.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: Error?
    func set(_ error: Error) { lock.withLock { failure = error } }
    var error: Error? { lock.withLock { failure } }
}
