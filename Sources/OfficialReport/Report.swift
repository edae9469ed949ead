// The typed model of a Vietnamese official report (Báo cáo): a ward Party
// committee report (Hướng dẫn 36-HD/VPTW) or a ward People's Committee report
// (Nghị định 30/2020/NĐ-CP). Swift names are camelCase; YAML/JSON keys are
// snake_case via explicit CodingKeys.

import Foundation

/// Party (Đảng) or State (Nhà nước) document conventions.
public enum ReportKind: String, Codable, Sendable, Equatable, CaseIterable {
    /// A Party committee report (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" heading, "Phần thứ nhất" parts.
    case party
    /// A People's Committee report (Nghị định 30/2020/NĐ-CP): the national motto heading, "Phần I" parts.
    case state
}

/// The top-level report.
public struct Report: Codable, Sendable, Equatable {
    /// Whether the Party or the State conventions apply: it decides headings, numbering and labels.
    public var kind: ReportKind
    /// The issuing body, printed in the header's left column.
    public var issuer: ReportIssuer
    /// Document number, kept as text so "05" keeps its leading zero.
    public var number: String
    /// Type-and-body symbol: "BC/ĐU" (party) or "BC-UBND" (state).
    public var symbol: String
    /// Place name of the date line, e.g. "Phổ Hòa".
    public var place: String
    /// ISO date "YYYY-MM-DD".
    public var date: String
    /// The period the report covers, if it states one (a yearly report dated early in the
    /// next year: `{from: 2023-01-01, to: 2023-12-31}`). Optional; `next-year` rolls it
    /// forward and the stale-year check reads its years.
    public var period: ReportPeriod?
    /// "BÁO CÁO".
    public var documentType: String
    /// Trích yếu: the line under the document type.
    public var subject: String
    /// The body of the report, in printed order.
    public var parts: [ReportPart]
    /// Closing paragraph ("Trên đây là báo cáo …").
    public var closing: String?
    /// "Nơi nhận" lines, each as printed ("- Ban Thường vụ Thị ủy,").
    public var recipients: [String]
    /// Archive line as printed ("- Lưu Văn phòng Đảng uỷ." / "- Lưu: VT, VP.").
    public var archive: String?
    /// The signer's block at the end of the report.
    public var signature: ReportSignature
    /// The appendix tables attached after the report, numbered in order.
    public var appendices: [Appendix]
    /// Print each appendix's `stated_total` (the figures of a signed original) instead of the
    /// total computed from its rows; a stated figure the rows contradict is still reported
    /// (`total_mismatch`). Default false: the computed total is printed.
    public var statedTotals: Bool = false

    /// Makes a report in code; the defaults are those of an ordinary report ("BÁO CÁO", no appendices).
    public init(kind: ReportKind, issuer: ReportIssuer, number: String, symbol: String,
                place: String, date: String, documentType: String = "BÁO CÁO",
                subject: String, parts: [ReportPart] = [], closing: String? = nil,
                recipients: [String] = [], archive: String? = nil,
                signature: ReportSignature, appendices: [Appendix] = [], period: ReportPeriod? = nil) {
        self.kind = kind; self.issuer = issuer; self.number = number
        self.symbol = symbol; self.place = place; self.date = date; self.period = period
        self.documentType = documentType; self.subject = subject
        self.parts = parts; self.closing = closing; self.recipients = recipients
        self.archive = archive; self.signature = signature; self.appendices = appendices
    }

    enum CodingKeys: String, CodingKey {
        case kind, issuer, number, symbol, place, date, period
        case documentType = "document_type"
        case subject, parts, closing, recipients, archive, signature, appendices
        case statedTotals = "stated_totals"
    }

    /// Reads a report from data. `kind`, `issuer` and `signature` are required; other fields default to empty, and numbers written without quotes are kept as text.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(ReportKind.self, forKey: .kind)
        issuer = try c.decode(ReportIssuer.self, forKey: .issuer)
        number = try c.decodeLenientString(forKey: .number) ?? ""
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol) ?? ""
        place = try c.decodeIfPresent(String.self, forKey: .place) ?? ""
        date = try c.decodeLenientString(forKey: .date) ?? ""
        period = try c.decodeIfPresent(ReportPeriod.self, forKey: .period)
        documentType = try c.decodeIfPresent(String.self, forKey: .documentType) ?? "BÁO CÁO"
        subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? ""
        parts = try c.decodeIfPresent([ReportPart].self, forKey: .parts) ?? []
        closing = try c.decodeIfPresent(String.self, forKey: .closing)
        recipients = try c.decodeIfPresent([String].self, forKey: .recipients) ?? []
        archive = try c.decodeIfPresent(String.self, forKey: .archive)
        signature = try c.decode(ReportSignature.self, forKey: .signature)
        appendices = try c.decodeIfPresent([Appendix].self, forKey: .appendices) ?? []
        statedTotals = try c.decodeIfPresent(Bool.self, forKey: .statedTotals) ?? false
    }
}

/// A reporting period: two ISO dates, both included.
public struct ReportPeriod: Codable, Sendable, Equatable {
    /// The first day of the period, as an ISO date ("2023-01-01").
    public var from: String
    /// The last day of the period, as an ISO date ("2023-12-31").
    public var to: String

    /// Makes a period from two ISO dates.
    public init(from: String, to: String) { self.from = from; self.to = to }

    enum CodingKeys: String, CodingKey { case from, to }

    /// Reads a period from data; dates written without quotes are kept as text.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decodeLenientString(forKey: .from) ?? ""
        to = try c.decodeLenientString(forKey: .to) ?? ""
    }

    /// The calendar years the period touches, or nil if a date is not valid.
    public var years: ClosedRange<Int>? {
        guard let a = ReportDate(iso: from), let b = ReportDate(iso: to), a.year <= b.year else { return nil }
        return a.year...b.year
    }
}

/// The issuing body block (left column of the header).
public struct ReportIssuer: Codable, Sendable, Equatable {
    /// Superior body, e.g. "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ" or "UBND THỊ XÃ ĐỨC PHỔ".
    public var superior: String?
    /// Issuing body name, one entry per printed line, e.g. ["ĐẢNG ỦY PHƯỜNG PHỔ HÒA"]
    /// or ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHỔ HÒA"].
    public var nameLines: [String]
    /// The body's name as written inside a sentence ("Đảng ủy phường Phổ Hòa"),
    /// used for the appendix attachment line. Optional.
    public var nameInText: String?

    /// Makes an issuer from its name lines and, optionally, its superior body and in-sentence name.
    public init(superior: String? = nil, nameLines: [String], nameInText: String? = nil) {
        self.superior = superior; self.nameLines = nameLines; self.nameInText = nameInText
    }

    /// The name lines joined with a space.
    public var name: String { nameLines.joined(separator: " ") }

    enum CodingKeys: String, CodingKey {
        case superior
        case nameLines = "name_lines"
        case nameInText = "name_in_text"
    }

    /// Reads an issuer from data (`name_lines`, `name_in_text`, `superior`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        superior = try c.decodeIfPresent(String.self, forKey: .superior)
        nameLines = try c.decodeIfPresent([String].self, forKey: .nameLines) ?? []
        nameInText = try c.decodeIfPresent(String.self, forKey: .nameInText)
    }
}

/// The signature block (right column of the closing table).
public struct ReportSignature: Codable, Sendable, Equatable {
    /// Authority prefix with the body: "T/M ĐẢNG ỦY", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".
    public var authority: String
    /// Signer's title: "BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ CHỦ TỊCH".
    public var title: String
    /// Full name, no degrees: "Võ Thanh".
    public var name: String
    /// Path of a scanned signature image, if any.
    public var signatureImage: String?
    /// Path of a seal image, if any.
    public var sealImage: String?

    /// Makes a signature block; the images are optional paths, resolved by the template's image tags.
    public init(authority: String, title: String, name: String,
                signatureImage: String? = nil, sealImage: String? = nil) {
        self.authority = authority; self.title = title; self.name = name
        self.signatureImage = signatureImage; self.sealImage = sealImage
    }

    enum CodingKeys: String, CodingKey {
        case authority, title, name
        case signatureImage = "signature_image"
        case sealImage = "seal_image"
    }

    /// Reads a signature block from data; missing texts are taken as empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        authority = try c.decodeIfPresent(String.self, forKey: .authority) ?? ""
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        signatureImage = try c.decodeIfPresent(String.self, forKey: .signatureImage)
        sealImage = try c.decodeIfPresent(String.self, forKey: .sealImage)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a scalar as text even when a YAML/JSON reader typed it as a
    /// number (an unquoted `5` or `2023`).
    func decodeLenientString(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let s = try? decode(String.self, forKey: key) { return s }
        if let i = try? decode(Int.self, forKey: key) { return String(i) }
        if let d = try? decode(Double.self, forKey: key) { return String(d) }
        return try decode(String.self, forKey: key)
    }
}
