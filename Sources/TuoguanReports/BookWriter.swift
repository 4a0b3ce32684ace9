import TuoguanCore

/// Renders the books (``BookTransaction``, ``BookAssertion``) as hledger or Beancount text, one item at a
/// time: each call gives the text of one declaration, transaction or assertion, so the command writes the
/// file as it goes. Amounts are yuan with two decimals and the commodity `CNY`, from integer fen.
///
/// ```swift
/// var writer = BookWriter(format: .hledger, language: .zh, poolNames: ["equipment": "设备"])
/// writer.header(school: "某某小学", term: "2024-autumn", opening: opening)
/// writer.declaration(.received(.wechat), opening: opening)   // "account 资产:收款\naccount 资产:收款:微信\n"
/// writer.transaction(t)                                       // "2024-09-02 * S1 | 缴费 R1\n    ; id:R1\n…"
/// ```
public struct BookWriter {
    public let names: BookNames
    /// The names that lie above an account and the subtrees asserted, declared once each (a few: the pools,
    /// the chart's branches).
    private var declaredAncestors: Set<String> = []
    private var assertionsStarted = false

    public init(format: BookFormat, language: Language, poolNames: [String: String]) {
        names = BookNames(format: format, language: language, poolNames: poolNames)
    }

    var format: BookFormat { names.format }
    var zh: Bool { names.language == .zh }

    /// The file's opening: what it is, the commodity, and for Beancount the options (the roots' Chinese names).
    public func header(school: String, term: String, opening: CivilDate) -> String {
        let title = "\(school) \(term)"
        var text = zh
            ? "; \(oneLine(title)) 托管经费账目（tuoguan export）：金额为人民币元，精确到分；期末核对与学期结算单一致。\n"
            : "; \(oneLine(title)) after-school care books (tuoguan export): yuan, exact to the fen; the closing balances are the term statement's.\n"
        switch format {
        case .hledger:
            text += "\ncommodity 1000.00 CNY\n\n"
        case .beancount:
            text += "option \"title\" \(quoted(title))\noption \"operating_currency\" \"CNY\"\n"
            if zh {
                for root in BookNames.roots { text += "option \(quoted(root.option)) \(quoted(root.zh))\n" }
            }
            text += "\n\(opening) commodity CNY\n\n"
        }
        return text
    }

    /// The declaration of `account` (hledger `account`, Beancount `open`), after those of the names above it
    /// not yet declared.
    public mutating func declaration(_ account: BookAccount, opening: CivilDate) -> String {
        var text = ""
        for ancestor in names.ancestors(account) where declaredAncestors.insert(ancestor).inserted {
            text += declare(ancestor, opening: opening)
        }
        return text + declare(names.name(account), opening: opening)
    }

    /// The declaration of a subtree's name (and those above it) not yet declared: an assertion checks it even
    /// when nothing was posted under it (a pool that spent nothing).
    public mutating func declaration(_ subtree: BookAccount.Subtree, opening: CivilDate) -> String {
        var text = ""
        for name in names.ancestors(subtree) + [names.name(subtree)] where declaredAncestors.insert(name).inserted {
            text += declare(name, opening: opening)
        }
        return text
    }

    private func declare(_ name: String, opening: CivilDate) -> String {
        switch format {
        case .hledger: return "account \(name)\n"
        case .beancount: return "\(opening) open \(name) CNY\n"
        }
    }

    /// One transaction: the date, who, its title and id, its metadata, its postings.
    public func transaction(_ t: BookTransaction) -> String {
        let title = BookNames.title(t.kind)
        let narration = [zh ? title.zh : title.en, t.id ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        let meta = (t.id.map { [("id", $0)] } ?? []) + t.meta
        var text: String
        switch format {
        case .hledger:
            let description = t.payee.isEmpty ? plain(narration) : "\(plain(t.payee)) | \(plain(narration))"
            text = "\(t.date) * \(description)\n"
            for (key, value) in meta { text += "    ; \(key):\(oneLine(value))\n" }
        case .beancount:
            text = "\(t.date) * \(quoted(t.payee)) \(quoted(narration))\n"
            for (key, value) in meta { text += "  \(key): \(quoted(value))\n" }
        }
        for posting in t.postings {
            text += "\(indent)\(names.name(posting.account))  \(amount(posting.amount))\n"
        }
        return text + "\n"
    }

    /// One balance the tools check, to the fen: Beancount's `balance` (an account with everything under it, no
    /// tolerance); in hledger a
    /// posting of 0 asserting the balance (`=` the account alone, `=*` with everything under it), in one
    /// closing transaction.
    public mutating func assertion(_ a: BookAssertion) -> String {
        let name: String
        let subtree: Bool
        switch a.target {
        case .account(let account): (name, subtree) = (names.name(account), false)
        case .subtree(let tree): (name, subtree) = (names.name(tree), true)
        }
        switch format {
        case .hledger:
            var text = ""
            if !assertionsStarted {
                assertionsStarted = true
                text = "\(a.date) * \(zh ? "期末核对：与学期结算单一致" : "Closing balances, as the term statement says")\n"
            }
            return text + "    \(name)  0 CNY \(subtree ? "=*" : "=") \(amount(a.amount))\n"
        case .beancount:
            // `~ 0.00`: exact. Without it Beancount lets a balance of two decimals be off by 0.01.
            return "\(a.date) balance \(name)  \(a.amount.formatted(grouping: false)) ~ 0.00 CNY\n"
        }
    }

    var indent: String { format == .hledger ? "    " : "  " }

    /// `-1234.50 CNY`.
    func amount(_ money: Money) -> String { money.formatted(grouping: false) + " CNY" }

    /// Text on one line (hledger reads a comment to the line's end).
    func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// hledger's description: one line, without `;` (a comment) or `|` (the payee's end).
    func plain(_ text: String) -> String {
        String(oneLine(text).map { $0 == ";" ? "；" : $0 == "|" ? "｜" : $0 })
    }

    /// A Beancount string: `"…"`, `\` and `"` escaped, on one line.
    func quoted(_ text: String) -> String {
        var out = "\""
        for ch in oneLine(text) {
            if ch == "\\" || ch == "\"" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}
