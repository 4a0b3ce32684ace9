import TuoguanCore

/// The plain-text accounting formats `tuoguan export` writes.
public enum BookFormat: String, Sendable, CaseIterable {
    case hledger, beancount
}

/// The names of the chart of accounts (科目表) in a language and a format.
///
/// hledger takes any name: `负债:家长预收:S000001`. Beancount renames its five roots by options
/// (`option "name_assets" "资产"`), but every further part of a name must begin with an upper-case letter or a
/// digit: a Chinese part is written after its English name (`资产:Received-收款:WeChat-微信`), a payee that
/// does not begin so after `P-` (`支出:Pools-专项:Equipment-设备:P-文具店`). In every format a name's own
/// text (an id, a payee) keeps its letters and digits; any other character becomes `-`.
///
/// ```swift
/// let names = BookNames(format: .hledger, language: .zh, poolNames: ["equipment": "设备"])
/// names.name(.received(.wechat))                         // "资产:收款:微信"
/// BookNames(format: .beancount, language: .zh, poolNames: [:]).name(.family("S1"))
///                                                         // "负债:Families-家长预收:S1"
/// ```
public struct BookNames: Sendable {
    public let format: BookFormat
    public let language: Language
    /// Pool id → its name in the rules (zh names).
    let poolNames: [String: String]

    public init(format: BookFormat, language: Language, poolNames: [String: String]) {
        self.format = format
        self.language = language
        self.poolNames = poolNames
    }

    /// A part of a name: fixed words of the chart (zh, en), or text of the ledger (an id, a payee) with the
    /// prefix Beancount needs when it does not begin with an upper-case letter or a digit.
    enum Part {
        case word(String, String)
        case text(String, prefix: String)
        case pool(String)
    }

    /// The roots' names, as Beancount's options rename them.
    public static let roots: [(option: String, zh: String, en: String)] = [
        ("name_assets", "资产", "Assets"), ("name_liabilities", "负债", "Liabilities"), ("name_equity", "权益", "Equity"),
        ("name_income", "收入", "Income"), ("name_expenses", "支出", "Expenses"),
    ]

    public func name(_ account: BookAccount) -> String { render(Self.parts(account)) }

    public func name(_ subtree: BookAccount.Subtree) -> String { render(Self.parts(subtree)) }

    /// Every name that `account`'s name lies under, from the shortest (`资产:收款` of `资产:收款:微信`), the
    /// root alone left out.
    public func ancestors(_ account: BookAccount) -> [String] { ancestors(Self.parts(account)) }

    /// ``ancestors(_:)`` of a subtree's name.
    public func ancestors(_ subtree: BookAccount.Subtree) -> [String] { ancestors(Self.parts(subtree)) }

    func ancestors(_ parts: [Part]) -> [String] {
        parts.count < 3 ? [] : (2..<parts.count).map { render(Array(parts.prefix($0))) }
    }

    /// The root as the language names it (Beancount's options rename the roots), then every part.
    func render(_ parts: [Part]) -> String {
        guard case .word(let zh, let en)? = parts.first else { return parts.map(render).joined(separator: ":") }
        return ([language == .zh ? zh : en] + parts.dropFirst().map(render)).joined(separator: ":")
    }

    func render(_ part: Part) -> String {
        switch part {
        case .word(let zh, let en):
            guard language == .zh else { return en }
            return format == .beancount ? "\(en)-\(zh)" : zh
        case .text(let text, let prefix):
            let clean = Self.clean(text)
            guard format == .beancount, !Self.beginsAsBeancountWants(clean) else { return clean }
            return "\(prefix)-\(clean)"
        case .pool(let id):
            let en = Self.capitalized(Self.clean(id))
            guard language == .zh, let name = poolNames[id] else { return en }
            return format == .beancount ? "\(en)-\(Self.clean(name))" : Self.clean(name)
        }
    }

    /// Letters and digits kept, every run of other characters one `-`, none at the ends; `-` if nothing is left.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var dash = false
        for scalar in text.unicodeScalars {
            if isLetterOrDigit(scalar) {
                if dash && !out.isEmpty { out.append("-") }
                dash = false
                out.append(scalar)
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "-" : String(out)
    }

    /// Beancount's letters and digits (`\p{L}`, `\p{Nd}`).
    static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    /// Beancount's rule for a part after the root: an upper-case letter or a digit first.
    static func beginsAsBeancountWants(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        let category = first.properties.generalCategory
        return category == .uppercaseLetter || category == .decimalNumber
    }

    /// `running-cost` → `Running-cost` (pool ids are ASCII).
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
