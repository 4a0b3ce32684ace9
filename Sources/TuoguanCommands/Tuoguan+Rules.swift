import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan rules show|diff|update`: the rules in force after `init`, and changing them with a history.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("查看或更新账本中的规则（留有改动记录）", "Show or update the rules in force, keeping their history."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan rules diff 规则.toml；tuoguan rules update 规则.toml --note "换审核人"
                不影响已登记的钱的改动（名称、签字人、公示期、联系人、通知文字、term_name、将来的停课日和补课日、[limits]）
                直接生效并记入改动记录；会重算已登记的钱的改动（价格、收费或退费方式、支出后的分配）被拒绝，并说明该怎么办。
                """,
                """
                Example: tuoguan rules diff rules/school.toml; tuoguan rules update rules/school.toml --note "new reviewer"
                What no recorded money depends on (names, signers, 公示期, contact, notice texts, term_name, future no-service
                and make-up days, [limits]) is applied and kept in the history; what would re-price recorded money (a price,
                a policy's billing or refunds, the split after spending) is refused, saying what to do.
                """),
            subcommands: [RulesShow.self, RulesDiffCommand.self, RulesUpdate.self])
    }

    struct RulesShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: Tuoguan.text("显示账本中现行的规则及其改动记录", "Print the rules in force and their history."))
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let book = try ledger.open(readOnly: true)
            let (text, file) = try book.storedRules()
            let history = try book.rulesHistory()
            let plan = book.rules
            Console.say(
                "# 账本中现行的规则：\(file)（\(plan.school) \(plan.termTitle)），已更新 \(Set(history.map(\.recordedAt)).count) 次",
                "# rules in force: \(file) (\(plan.school) \(plan.termTitle)), updated \(Set(history.map(\.recordedAt)).count) times",
                ledger.language)
            print(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            guard !history.isEmpty else { return }
            Console.say("# 改动记录：", "# history:", ledger.language)
            let clerk = ClerkText(language: ledger.language)
            for row in history {
                let line = RulesLines.line(key: row.key, old: row.oldValue, new: row.newValue)
                let when = clerk.time(row.recordedAt, rules: plan)
                Console.say(
                    "#   \(when) \(row.recordedBy)：\(line)（原因：\(row.note)；文件 \(row.file)）",
                    "#   \(when) \(row.recordedBy): \(line) (why: \(row.note); file \(row.file))",
                    ledger.language)
            }
        }
    }

    struct RulesDiffCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff", abstract: Tuoguan.text("列出一个规则文件与现行规则的不同，及哪些能生效", "List what a rules file would change, and what would be applied."))
        @Argument(help: ArgumentHelp(zh: "改过的规则文件。", en: "The changed rules file.", valueName: "file")) var file: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let book = try ledger.open(readOnly: true)
            let (changes, _, name) = try RulesLines.changes(book, file: file)
            let language = ledger.language
            guard !changes.isEmpty else {
                Console.say("\(name) 与账本中现行的规则相同", "\(name) gives the rules in force: no change", language)
                return
            }
            let verdicts = try book.rulesRefusals(changes, today: today())
            let refused = verdicts.compactMap { $0 }.count
            Console.say(
                "\(name) 改动 \(changes.count) 项：\(changes.count - refused) 项可以生效，\(refused) 项会被拒绝",
                "\(name) changes \(changes.count) keys: \(changes.count - refused) can be applied, \(refused) would be refused",
                language)
            for (change, verdict) in zip(changes, verdicts) {
                let line = RulesLines.line(key: change.key, old: change.old, new: change.new)
                if let verdict {
                    let why = language == .zh ? verdict.message.zh : verdict.message.en
                    let fix = verdict.fix.map { language == .zh ? $0.zh : $0.en } ?? ""
                    Console.say("  ✗ \(line)\n      拒绝：\(why)\n      怎么办：\(fix)", "  ✗ \(line)\n      refused: \(why)\n      fix: \(fix)", language)
                } else {
                    Console.say("  ✓ \(line)", "  ✓ \(line)", language)
                }
            }
        }
    }

    struct RulesUpdate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: Tuoguan.text("让改过的规则文件生效（留有改动记录）", "Apply a changed rules file, keeping the history."),
            discussion: Tuoguan.text(
                "示例：tuoguan rules update 规则.toml --note \"审核人换为张主任\" --by 王会计\n全部能生效才生效；有一项会重算已登记的钱，就什么都不改，并逐项说明。",
                "Example: tuoguan rules update rules/school.toml --note \"new reviewer\" --by 王会计\nAll or nothing: if one key would re-price recorded money, nothing changes and each such key is named."))
        @Argument(help: ArgumentHelp(zh: "改过的规则文件。", en: "The changed rules file.", valueName: "file")) var file: String
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let book = try ledger.open()
            let (changes, text, name) = try RulesLines.changes(book, file: file)
            let language = ledger.language
            guard !changes.isEmpty else {
                Console.say("\(name) 与账本中现行的规则相同：未改动，未记录", "\(name) gives the rules in force: nothing changed, nothing recorded", language)
                return
            }
            let plan = try RulesLoader.parse(text, file: name)
            let rows = try book.updateRules(
                text: text, file: name, school: plan.school, changes: changes, today: today(), note: edit.note ?? "",
                by: edit.recorder.name)
            Console.say("已更新规则（\(rows.count) 项，记入改动记录）：", "rules updated (\(rows.count) keys, kept in the history):", language)
            for row in rows { print("  " + RulesLines.line(key: row.key, old: row.oldValue, new: row.newValue)) }
        }
    }
}

/// The rules commands' shared reading and printing.
enum RulesLines {
    /// The changes of `file` against the ledger's rules, the file's text and its name.
    static func changes(_ book: Ledger, file: String) throws -> ([RulesChange], String, String) {
        let text: String
        let name: String
        do {
            (text, name) = try BundledRules.load(file, flag: "FILE")
        } catch var error as TuoguanError where error.code == .fileMissing {
            error.location = SourceLocation(file: file)
            error.fix = LocalizedText(
                zh: "检查路径：给出改过的规则文件，如 tuoguan rules diff rules/学校.toml（或内置方案之一：\(BundledRules.names.joined(separator: "、"))）",
                en: "check the path: give the changed rules file, e.g. tuoguan rules diff rules/school.toml (or a built-in plan: \(BundledRules.names.joined(separator: ", ")))")
            throw error
        }
        _ = try RulesLoader.parse(text, file: name)
        let (stored, _) = try book.storedRules()
        return (try RulesDiff.changes(from: stored, to: text), text, name)
    }

    /// `policies.x.price: 20.00 → 25.00`; a key added or removed shows `—` on its missing side.
    static func line(key: String, old: String?, new: String?) -> String {
        "\(key): \(old ?? "—") → \(new ?? "—")"
    }
}
