/// The one error type of tuoguan.
///
/// Every failure the user can cause carries a ``Code`` (stable, for scripts and exit codes), a message in
/// Chinese and English, where it happened (``SourceLocation``: file, line, column or key) and how to fix it.
///
/// ```swift
/// throw TuoguanError(.badAmount, zh: "金额“\(text)”多于两位小数", en: "amount \"\(text)\" has more than two decimals",
///                    fix: .init(zh: "金额最多精确到分", en: "amounts are exact to the fen: at most two decimals"))
/// ```
public struct TuoguanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is. The raw value is stable and shown to the user.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        // money
        case badAmount = "bad-amount"
        case overflow = "overflow"
        case allocationWeights = "allocation-weights"
        // rules files
        case rulesSyntax = "rules-syntax"
        case rulesInvalid = "rules-invalid"
        case rulesSchema = "rules-schema"
        // input files and records
        case badInput = "bad-input"
        case unknownReference = "unknown-reference"
        case duplicate = "duplicate"
        case conflict = "conflict"
        // money operations
        case refundRefused = "refund-refused"
        case refundCeiling = "refund-ceiling"
        // ledger
        case ledger = "ledger"
        case ledgerTampered = "ledger-tampered"
        case ledgerBusy = "ledger-busy"
        // files
        case fileMissing = "file-missing"
        case fileUnwritable = "file-unwritable"
        // usage
        case usage = "usage"
        case `internal` = "internal"
        // spending
        case spendingCeiling = "spending-ceiling"
        // the term's closing (issue 26)
        case ledgerClosed = "ledger-closed"
        case balancesOpen = "balances-open"
    }

    public var code: Code
    /// What is wrong, in both languages.
    public var message: LocalizedText
    /// How to fix it, in both languages (may be empty).
    public var fix: LocalizedText?
    /// Where it happened: file, line, column, key.
    public var location: SourceLocation?
    /// The offending text, shown as an excerpt under the message.
    public var excerpt: String?
    /// Further problems of the same operation (an import reports every bad row, not only the first).
    public var more: [TuoguanError] = []

    public init(
        _ code: Code, zh: String, en: String, fix: LocalizedText? = nil,
        at location: SourceLocation? = nil, excerpt: String? = nil
    ) {
        self.code = code
        self.message = LocalizedText(zh: zh, en: en)
        self.fix = fix
        self.location = location
        self.excerpt = excerpt
    }

    /// The same error, placed at a location (keeps an existing more precise location's line/column).
    public func located(_ location: SourceLocation) -> TuoguanError {
        var copy = self
        copy.location = location.merged(with: self.location)
        return copy
    }

    /// `FILE:LINE:COL: message (code)` then the excerpt and the fix, in one language.
    public func rendered(_ language: Language) -> String {
        var head = ""
        if let location { head = location.description + ": " }
        var out = head + message.text(language) + " [\(code.rawValue)]"
        if let excerpt, !excerpt.isEmpty { out += "\n  | " + excerpt }
        if let fix, !fix.text(language).isEmpty {
            out += "\n  " + (language == .zh ? "如何修改：" : "fix: ") + fix.text(language)
        }
        for other in more { out += "\n" + other.rendered(language) }
        return out
    }

    /// Several problems as one error: the first, with the others in ``more``.
    public static func collecting(_ errors: [TuoguanError]) -> TuoguanError? {
        guard var first = errors.first else { return nil }
        first.more = Array(errors.dropFirst())
        return first
    }

    /// How many problems this error reports.
    public var count: Int { 1 + more.count }

    public var description: String { rendered(.en) }
}

/// A pair of texts, Chinese and English. The user's locale (or `--lang`) picks one.
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

/// The language of captions and messages.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en
}

/// Where a problem is: a file, and within it a line and column (1-based) or a key path.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var key: String?
    /// The worksheet of a workbook: the place is then shown as a cell, `考勤.xlsx:1年级1班!F7`.
    public var sheet: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.sheet = sheet
    }

    func merged(with inner: SourceLocation?) -> SourceLocation {
        guard let inner else { return self }
        return SourceLocation(
            file: inner.file ?? file, line: inner.line ?? line, column: inner.column ?? column,
            key: inner.key ?? key, sheet: inner.sheet ?? sheet)
    }

    /// `file:line:col` and, when known, `(key)`.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let sheet {
            var cell = sheet + "!"
            if let line { cell += (column.map(Self.columnLetters) ?? "") + String(line) }
            parts.append(cell)
        } else if let line {
            parts.append(String(line))
            if let column { parts.append(String(column)) }
        }
        var out = parts.joined(separator: ":")
        if let key { out += out.isEmpty ? key : " (\(key))" }
        return out
    }
}

extension SourceLocation {
    /// A spreadsheet column's letters: 1 → `A`, 6 → `F`, 27 → `AA`.
    public static func columnLetters(_ column: Int) -> String {
        precondition(column >= 1, "columns count from 1")
        var n = column
        var letters: [Character] = []
        while n > 0 {
            n -= 1
            letters.append(Character(Unicode.Scalar(UInt8(65 + n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }
}
