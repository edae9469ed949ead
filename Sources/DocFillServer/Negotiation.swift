import DocFill
import Foundation

/// Media types: which document a client asks for (Accept), which data it sends (Content-Type).
enum Negotiation {
    static let pdfType = "application/pdf"

    /// The media type of each document format the server writes.
    static let documentTypes: [String: String] = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text",
        "fodt": "application/vnd.oasis.opendocument.text-flat-xml",
    ]

    static func mediaType(_ format: DocumentFormat) -> String {
        documentTypes[format.rawValue] ?? "application/octet-stream"
    }

    /// Whether Accept asks for a PDF; the template's own format otherwise (also for no Accept,
    /// `*/*`, `application/*`). Another document format is refused (`not_acceptable`, 406):
    /// a DOCX template writes DOCX, never ODT.
    static func wantsPDF(accept: String?, format: DocumentFormat) throws -> Bool {
        guard let accept, !accept.isEmpty else { return false }
        let own = mediaType(format)
        var pdfQuality = -1.0, ownQuality = -1.0
        for item in accept.split(separator: ",") {
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let type = pieces.first ?? ""
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if type == pdfType { pdfQuality = max(pdfQuality, q) }
            if type == own || type == "*/*" || type == "application/*" { ownQuality = max(ownQuality, q) }
        }
        if pdfQuality > 0, pdfQuality >= ownQuality { return true }
        if ownQuality > 0 { return false }
        throw ServerError(.notAcceptable, "not_acceptable",
                          "the template writes \(own) or \(pdfType); Accept asks for '\(shortName(accept))'")
    }

    /// JSON or YAML by Content-Type; other types are refused (`unsupported_media_type`, 415):
    /// a browser on another site can post only forms and text/plain, so requiring one of these
    /// also keeps cross-site posts out of the API.
    static func dataFormat(contentType: String?) throws -> DataLoader.Format {
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/json": return .json
        case "application/yaml", "application/x-yaml", "text/yaml": return .yaml
        default:
            throw ServerError(.unsupportedMediaType, "unsupported_media_type",
                              "send the data as application/json or application/yaml, not '\(shortName(type))'")
        }
    }

    /// A download's file name: the template's stem, with `.pdf` for a PDF. ASCII only in the
    /// header; others become `_` so the header stays valid.
    static func downloadName(_ template: String, pdf: Bool) -> String {
        let name = pdf ? (template as NSString).deletingPathExtension + ".pdf" : template
        return String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 0x20 ? Character($0) : "_" })
    }
}
