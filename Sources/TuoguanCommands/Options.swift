import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

extension Language: ExpressibleByArgument {}

/// Options every command that reads or writes a ledger takes.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(zh: "账本文件（默认：$TUOGUAN_DB，或当前文件夹的 tuoguan.sqlite）。", en: "The ledger file (default: $TUOGUAN_DB or ./tuoguan.sqlite).", valueName: "file"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(zh: "表头与提示的语言：zh 中文或 en 英文（默认随系统语言）。", en: "Language of captions and messages: zh or en (default: from the locale)."))
    var lang: Language?

    /// The language of messages: `--lang`, else the locale.
    var language: Language { Console.language(explicit: lang) }

    /// The language of workbook captions: `--lang`, else Chinese (what the committee publishes).
    var workbookLanguage: Language { lang ?? .zh }

    var path: String {
        db ?? ProcessInfo.processInfo.environment["TUOGUAN_DB"] ?? "tuoguan.sqlite"
    }

    func open(readOnly: Bool = false) throws -> Ledger {
        try Ledger.open(at: path, readOnly: readOnly, rulesLoader: { text, file in try RulesLoader.parse(text, file: file) })
    }
}

/// Who records a money entry: `--by`, else the login name.
struct RecorderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(zh: "登记人（默认：登录用户名）。", en: "Who records this (default: the login name).", valueName: "name"))
    var by: String?

    var name: String {
        if let by, !by.isEmpty { return by }
        let env = ProcessInfo.processInfo.environment
        return env["USER"] ?? env["LOGNAME"] ?? "clerk"
    }
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension RefundReason: ExpressibleByArgument {}

/// Reads a word of the school's vocabulary given to `flag` (`--method 微信`), naming the flag and what it
/// accepts when the word is unknown.
func parseWord<T>(_ text: String, _ lookUp: (String) -> T?, flag: String, accepted: LocalizedText) throws -> T {
    if let value = lookUp(text) { return value }
    throw usageError(
        "值“\(text)”无法识别", "\"\(text)\" is not a value this option accepts", flag: flag,
        fix: LocalizedText(zh: "应为：" + accepted.zh, en: "expected one of " + accepted.en))
}

/// Parses a `--amount` flag exactly, naming the flag in the error.
func parseAmount(_ text: String, flag: String) throws -> Money {
    do {
        return try Money(parsing: text)
    } catch var error as TuoguanError {
        error.location = SourceLocation(key: flag)
        throw error
    }
}

/// Fails with a usage error naming the flag.
func usageError(_ zh: String, _ en: String, flag: String, fix: LocalizedText? = nil) -> TuoguanError {
    TuoguanError(.usage, zh: zh, en: en, fix: fix, at: SourceLocation(key: flag))
}
