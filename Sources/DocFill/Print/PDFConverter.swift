import Foundation

/// One document to convert and where its PDF goes.
public struct PDFJob: Sendable, Hashable {
    /// The DOCX or ODT document to convert.
    public var input: String
    /// Where the PDF is written; nothing is written there unless the conversion succeeds.
    public var output: String
    /// Makes a job from an input document and an output path.
    public init(input: String, output: String) { self.input = input; self.output = output }
}

/// Converts DOCX/ODT documents to PDF with LibreOffice, many documents per `soffice` start:
/// the cold start (profile creation, loading the office core) costs about as much as
/// converting a dozen short documents, so a batch pays it once.
///
/// Every conversion gets its own throw-away LibreOffice profile: two `soffice` processes on
/// one profile hand their work to each other or fail on its lock, so parallel runs would
/// collide. A PDF reaches its target only by a rename once `soffice` has exited successfully;
/// a killed, timed-out or failed conversion leaves nothing at the target. LibreOffice embeds
/// the fonts it uses by default, which printing needs.
public struct PDFConverter: Sendable {
    /// The LibreOffice executable that converts.
    public var soffice: ExternalTool
    /// Seconds one `soffice` run may take before its process group is killed; nil: 60 s for the
    /// start plus 15 s per document.
    public var timeout: Double?

    /// Makes a converter for a given `soffice`, with an optional time limit per run.
    public init(soffice: ExternalTool, timeout: Double? = nil) {
        self.soffice = soffice; self.timeout = timeout
    }

    /// Finds `soffice` (`explicit` path, else PATH).
    public init(sofficePath explicit: String? = nil, timeout: Double? = nil) throws {
        self.init(soffice: try .soffice(explicit: explicit), timeout: timeout)
    }

    /// Converts one document; throws its error.
    public func convert(_ input: String, to output: String) throws {
        if case .failure(let error) = convert([PDFJob(input: input, output: output)])[0] { throw error }
    }

    /// Converts every job with one `soffice` run; one result per job, in order.
    public func convert(_ jobs: [PDFJob]) -> [Result<Void, DocFillError>] {
        guard !jobs.isEmpty else { return [] }
        do {
            return try convertAll(jobs)
        } catch {
            let error = error as? DocFillError ?? DocFillError("pdf_conversion_failed", "\(error)")
            return jobs.map { .failure(error.inFile($0.output)) }
        }
    }

    private func convertAll(_ jobs: [PDFJob]) throws -> [Result<Void, DocFillError>] {
        for job in jobs {
            var isDirectory: ObjCBool = false
            let folder = Self.folder(of: job.output)
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DocFillError("io_error", "the output folder '\(folder)' does not exist", at: SourceLocation(file: job.output))
            }
        }
        let work = try ScratchFolder("docfill-soffice")
        defer { work.remove() }
        // soffice names each PDF after its input, so inputs are linked under unique names
        // (two inputs may share a base name in different folders).
        let inputs = work.file("in")
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        var staged: [String] = []
        for (i, job) in jobs.enumerated() {
            guard FileManager.default.fileExists(atPath: job.input) else {
                throw DocFillError("io_error", "cannot read '\(job.input)'", at: SourceLocation(file: job.input))
            }
            let ext = (job.input as NSString).pathExtension
            let name = String(format: "%05d", i) + (ext.isEmpty ? "" : "." + ext)
            let absolute = URL(fileURLWithPath: job.input).standardizedFileURL.path
            try FileManager.default.createSymbolicLink(atPath: (inputs as NSString).appendingPathComponent(name),
                                                       withDestinationPath: absolute)
            staged.append((inputs as NSString).appendingPathComponent(name))
        }
        // PDFs are written beside the first target, so that moving them is a rename.
        let outputs = try ScratchFolder("docfill-pdf", in: Self.folder(of: jobs[0].output))
        defer { outputs.remove() }

        let arguments = ["--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                         "-env:UserInstallation=" + URL(fileURLWithPath: work.file("profile")).absoluteString,
                         "--convert-to", "pdf", "--outdir", outputs.path] + staged
        let limit = timeout ?? 60 + 15 * Double(jobs.count)
        let log = work.file("soffice.log")
        // LibreOffice's own temporary files (`lu*.tmp`: copies of the document's data) go
        // inside the per-run folder, which is removed on every path, even after a timeout
        // killed it before it could clean up; so does its socket in /tmp (`StalePipes`).
        let temporary = work.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let pipes = StalePipes()
        defer { pipes.removeNew() }
        switch try ToolProcess.run(soffice, arguments, log: log, timeout: limit,
                                   environment: ["TMPDIR": temporary, "TMP": temporary, "TEMP": temporary]) {
        case .timedOut:
            throw DocFillError("pdf_timeout", "LibreOffice did not finish within \(Int(limit.rounded(.up))) s and was stopped; no PDF was written")
        case .exited(let status) where status != 0:
            throw DocFillError("pdf_conversion_failed", "soffice exited with status \(status): \(ToolProcess.complaints(in: log))")
        case .exited:
            break
        }
        let complaints = ToolProcess.complaints(in: log)
        return jobs.enumerated().map { i, job in
            let produced = outputs.file(String(format: "%05d", i) + ".pdf")
            guard Self.isPDF(produced) else {
                let why = complaints.isEmpty ? "" : ": \(complaints)"
                return .failure(DocFillError("pdf_conversion_failed", "LibreOffice could not convert '\(job.input)'\(why)",
                                             at: SourceLocation(file: job.output)))
            }
            return Result { try OutputTarget(job.output).place(produced) }.mapError {
                $0 as? DocFillError ?? DocFillError("io_error", "\($0)", at: SourceLocation(file: job.output))
            }
        }
    }

    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// A complete PDF ends with `%%EOF` (within its last bytes); a truncated one does not.
    static func isPDF(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 8 else { return false }
        try? handle.seek(toOffset: size > 1024 ? size - 1024 : 0)
        let tail = handle.readDataToEndOfFile()
        return tail.range(of: Data("%%EOF".utf8)) != nil
    }

}
