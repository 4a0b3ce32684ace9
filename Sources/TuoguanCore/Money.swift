/// An exact amount of Chinese yuan, counted in integer fen (分; 1 元 = 100 分).
///
/// There is no floating point anywhere on a money path. Arithmetic that would overflow `Int64` throws
/// ``TuoguanError/Code/overflow`` instead of wrapping.
///
/// ```swift
/// let price = try Money(parsing: "20.00")          // 2000 fen
/// let term = try price * 12                          // 240.00
/// let left = try term - Money(fen: 4000)             // 200.00
/// print(left.formatted())                            // "200.00"
/// print(left.uppercase)                              // "贰佰元整"
/// ```
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in fen.
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// A whole number of yuan.
    public init(yuan: Int64) throws {
        let (value, overflow) = yuan.multipliedReportingOverflow(by: 100)
        if overflow { throw Money.overflowError("\(yuan) × 100") }
        self.fen = value
    }

    public static let zero = Money(fen: 0)

    public var isZero: Bool { fen == 0 }
    public var isNegative: Bool { fen < 0 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    public static func + (lhs: Money, rhs: Money) throws -> Money {
        let (value, overflow) = lhs.fen.addingReportingOverflow(rhs.fen)
        if overflow { throw overflowError("\(lhs) + \(rhs)") }
        return Money(fen: value)
    }

    public static func - (lhs: Money, rhs: Money) throws -> Money {
        let (value, overflow) = lhs.fen.subtractingReportingOverflow(rhs.fen)
        if overflow { throw overflowError("\(lhs) − \(rhs)") }
        return Money(fen: value)
    }

    /// Multiplication by a count (lessons, months, students).
    public static func * (lhs: Money, rhs: Int64) throws -> Money {
        let (value, overflow) = lhs.fen.multipliedReportingOverflow(by: rhs)
        if overflow { throw overflowError("\(lhs) × \(rhs)") }
        return Money(fen: value)
    }

    public static func * (lhs: Money, rhs: Int) throws -> Money { try lhs * Int64(rhs) }

    public static prefix func - (value: Money) throws -> Money {
        if value.fen == .min { throw overflowError("−\(value)") }
        return Money(fen: -value.fen)
    }

    /// The absolute amount.
    public func magnitude() throws -> Money { fen < 0 ? try -self : self }

    /// The sum of a sequence, throwing on overflow.
    public static func sum<S: Sequence>(_ amounts: S) throws -> Money where S.Element == Money {
        var total = Money.zero
        for amount in amounts { total = try total + amount }
        return total
    }

    /// `self × numerator ÷ denominator`, rounded once by `rule`. The product is kept in 128 bits, so only a
    /// result that does not fit in `Int64` fen throws.
    ///
    /// ```swift
    /// // 2.00 元 per student-hour × 1,000 student-minutes ÷ 60 = 33.333… → 33.33
    /// try Money(fen: 200).scaled(by: 1000, over: 60, rounding: .halfUp)   // 3333 fen
    /// ```
    public func scaled(by numerator: Int64, over denominator: Int64, rounding rule: RoundingRule) throws -> Money {
        precondition(denominator > 0, "denominator must be positive")
        let product = Int128(fen) * Int128(numerator)
        let result = rule.divide(product, by: Int128(denominator))
        guard let fen = Int64(exactly: result) else {
            throw Money.overflowError("\(self) × \(numerator) ÷ \(denominator)")
        }
        return Money(fen: fen)
    }

    /// `1,234.50` style (see ``formatted(grouping:)``).
    public var description: String { formatted() }

    static func overflowError(_ expression: String) -> TuoguanError {
        TuoguanError(
            .overflow, zh: "金额计算溢出：\(expression)", en: "amount overflow in \(expression)",
            fix: LocalizedText(zh: "金额超出可表示范围（约 9.2 亿亿元），请检查输入数据", en: "the amount is beyond ±92,233,720,368,547,758.07 yuan; check the input"))
    }
}

/// How an exact quotient is rounded to whole fen. The rules file names one (`rounding = "half_up"`).
public enum RoundingRule: String, Sendable, CaseIterable, Codable {
    /// 四舍五入: halves away from zero.
    case halfUp = "half_up"
    /// Banker's rounding: halves to the even fen.
    case halfEven = "half_even"
    /// Toward zero (truncate; 舍去).
    case down = "down"
    /// Away from zero (进一).
    case up = "up"

    /// Divides `numerator` by a positive `denominator` and rounds by this rule.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator > 0)
        let negative = numerator < 0
        let n = negative ? -numerator : numerator
        var q = n / denominator
        let r = n % denominator
        if r != 0 {
            switch self {
            case .down: break
            case .up: q += 1
            case .halfUp: if r * 2 >= denominator { q += 1 }
            case .halfEven:
                if r * 2 > denominator || (r * 2 == denominator && q % 2 == 1) { q += 1 }
            }
        }
        return negative ? -q : q
    }
}
