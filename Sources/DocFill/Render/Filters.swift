import Foundation

/// A named transformation applied with `{{ value | name:arg }}`.
public typealias FilterFunction = @Sendable (_ value: Value, _ arguments: [String]) throws -> Value

/// The filters a template may use. Unknown filter names are compile errors.
public struct FilterSet: Sendable {
    /// The filters by the name a template writes after `|`.
    public private(set) var functions: [String: FilterFunction]

    /// Makes a set holding exactly the given filters; ``standard`` is the usual start.
    public init(_ functions: [String: FilterFunction] = [:]) { self.functions = functions }

    /// Adds a filter under `name`, replacing any filter already registered under it.
    public mutating func register(_ name: String, _ function: @escaping FilterFunction) { functions[name] = function }

    /// Whether a template may call a filter of this name; compiling checks every filter call with it.
    public func contains(_ name: String) -> Bool { functions[name] != nil }

    static func unknownMessage(_ name: String, _ set: FilterSet) -> String {
        "no filter named '\(Excerpt.of(name))'; known filters: \(set.functions.keys.sorted().joined(separator: ", "))"
    }

    /// Generic text filters plus the Vietnamese formatting filters.
    public static let standard: FilterSet = {
        var set = FilterSet()
        set.register("upper") { v, _ in .string(VietnameseFormat.upper(try text(v))) }
        set.register("lower") { v, _ in .string(VietnameseFormat.lower(try text(v))) }
        set.register("capitalize") { v, _ in .string(VietnameseFormat.capitalizeFirst(try text(v))) }
        // Marks the text as rich (README, "Rich text"); a rich value stays as it is.
        set.register("md") { v, _ in v.richSource != nil ? v : .rich(try text(v)) }
        set.register("trim") { v, _ in .string(try text(v).trimmingCharacters(in: .whitespacesAndNewlines)) }
        set.register("default") { v, args in
            let empty = v == .null || v == .string("") || v == .array([]) || v.isEmptyRichText
            return empty ? .string(args.first ?? "") : v
        }
        set.register("count") { v, _ in
            switch v {
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            case .string(let s): return .int(s.count)
            default: return .int(0)
            }
        }
        set.register("number") { v, args in .string(VietnameseFormat.number(try number(v), decimals: args.first.flatMap { Int($0) })) }
        set.register("percent") { v, args in .string(VietnameseFormat.percent(try number(v), decimals: args.first.flatMap { Int($0) })) }
        set.register("money") { v, args in
            .string(VietnameseFormat.money(try number(v), style: args.first == "short" ? .short : .full))
        }
        set.register("roman") { v, _ in .string(VietnameseFormat.roman(Int(try number(v)))) }
        set.register("ordinal") { v, _ in .string(VietnameseFormat.ordinal(Int(try number(v)))) }
        set.register("date") { v, args in
            let s = try text(v)
            guard let d = VietnameseFormat.parseDate(s) else {
                throw FilterError("'\(s)' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)")
            }
            if let place = args.first, !place.isEmpty {
                return .string(VietnameseFormat.dateLine(place: place, day: d.day, month: d.month, year: d.year))
            }
            return .string(VietnameseFormat.dateText(day: d.day, month: d.month, year: d.year))
        }
        set.register("year") { v, _ in
            let s = try text(v)
            guard let d = VietnameseFormat.parseDate(s) else { throw FilterError("'\(s)' is not a date") }
            return .int(d.year)
        }
        return set
    }()

    static func text(_ v: Value) throws -> String {
        guard let s = v.scalarText else { throw FilterError("expects text, got a \(v.kindName)") }
        return s
    }

    static func number(_ v: Value) throws -> Double {
        if let d = v.doubleValue { return d }
        if case .string(let s) = v, let d = Double(s.replacingOccurrences(of: ",", with: ".")) { return d }
        throw FilterError("expects a number, got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.kindName)")")
    }
}

/// What a filter throws; the renderer adds the place.
public struct FilterError: Error, Sendable {
    /// The problem in the filter's own words ("expects a number, got 'abc'"); the renderer adds the tag and place.
    public var message: String
    /// Makes an error from its message.
    public init(_ message: String) { self.message = message }
}
