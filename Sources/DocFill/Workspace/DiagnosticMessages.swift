import Foundation

/// The language a page speaks.
public enum MessageLanguage: String, Sendable, CaseIterable {
    /// Vietnamese, the pages' first language.
    case vi
    /// English.
    case en

    /// The first language of an HTTP `Accept-Language` header this library speaks
    /// (`en-US,en;q=0.9` → `.en`), by order of preference (`q`), else Vietnamese.
    public static func preferred(acceptLanguage header: String?) -> MessageLanguage {
        guard let header else { return .vi }
        let ranked = header.split(separator: ",").enumerated().compactMap { (i, item) -> (Double, Int, MessageLanguage)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { return nil }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard q > 0, let language = MessageLanguage(rawValue: primary) else { return nil }
            return (q, i, language)
        }
        return ranked.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.first?.2 ?? .vi
    }
}

/// Diagnostics' messages for people, in Vietnamese or English; the code stays as it is.
///
/// Every stable code (docs/errors.md) has a one-sentence summary in both languages
/// (`summary(of:in:)`). English messages are the library's own, which say the particulars.
/// A Vietnamese message is made from the English one by its code's forms: each form is the
/// English message with its variable parts as slots (`{path}: still to do ({note}); …`) and
/// the Vietnamese sentence they fill; a slot named with `~` is itself translated when it is
/// one of the known terms (`signer's name` → `họ tên người ký`). A message no form matches
/// gets the Vietnamese summary, its data path kept in front, the English details after it.
public enum DiagnosticMessages {
    /// A diagnostic's message in `language`.
    public static func message(for diagnostic: Diagnostic, in language: MessageLanguage) -> String {
        if language == .en { return diagnostic.message }
        for form in forms[diagnostic.code] ?? [] {
            if let filled = form.fill(diagnostic.message) { return filled }
        }
        let summary = summary(of: diagnostic.code, in: .vi) ?? "Có lỗi."
        var rest = diagnostic.message
        var prefix = ""
        if let colon = rest.range(of: ": "), FieldKey(path: String(rest[..<colon.lowerBound])) != nil {
            prefix = String(rest[..<colon.lowerBound]) + ": "
            rest = String(rest[colon.upperBound...])
        }
        let sentence = summary.hasSuffix(".") ? String(summary.dropLast()) : summary
        return prefix + sentence + " (chi tiết: " + rest + ")."
    }

    /// The one-sentence summary of a code in `language`, nil for a code with none.
    public static func summary(of code: String, in language: MessageLanguage) -> String? {
        guard let entry = summaries[code] else { return nil }
        return language == .vi ? entry.vi : entry.en
    }

    /// The codes with summaries.
    public static var codes: [String] { summaries.keys.sorted() }

    /// A severity's word in `language` (`lỗi`, `cảnh báo`).
    public static func severity(_ severity: Diagnostic.Severity, in language: MessageLanguage) -> String {
        switch (severity, language) {
        case (.error, .vi): return "lỗi"
        case (.warning, .vi): return "cảnh báo"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        }
    }

    /// An English message with slots and the Vietnamese sentence its slots fill.
    struct Form: Sendable {
        let pattern: NSRegularExpression
        let slots: [String]
        let vi: String

        init(_ en: String, _ vi: String) {
            var regex = "^", slots: [String] = [], rest = Substring(en)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                regex += NSRegularExpression.escapedPattern(for: String(rest[..<open])) + "(.*?)"
                slots.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            regex += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
            // The forms are constants of this file: a bad one is a programming error caught by the tests.
            self.pattern = try! NSRegularExpression(pattern: regex, options: [.dotMatchesLineSeparators])
            self.slots = slots
            self.vi = vi
        }

        func fill(_ message: String) -> String? {
            let range = NSRange(message.startIndex..., in: message)
            guard let match = pattern.firstMatch(in: message, range: range) else { return nil }
            var values: [String: String] = [:]
            for (i, slot) in slots.enumerated() {
                guard let r = Range(match.range(at: i + 1), in: message) else { return nil }
                let value = String(message[r])
                if slot.hasSuffix("~") {
                    guard let term = DiagnosticMessages.terms[value] else { return nil }
                    values[slot] = term
                } else {
                    values[slot] = value
                }
            }
            // One pass over the sentence, so a value holding braces is not filled again.
            var out = "", rest = Substring(vi)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
                  let value = values[String(rest[rest.index(after: open)..<close])] {
                out += rest[..<open] + value
                rest = rest[rest.index(after: close)...]
            }
            out += rest
            return out
        }
    }
}
