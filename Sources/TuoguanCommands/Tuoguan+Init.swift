import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan init`: a new ledger for one term under one plan.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("新建一个学期账本", "Create a new ledger for a term under a plan."),
            discussion: Tuoguan.text("示例：tuoguan init --rules rules/one-plus-x.toml --db school.sqlite", "Example: tuoguan init --rules rules/one-plus-x.toml --db school.sqlite"))

        @Option(name: .long, help: ArgumentHelp(
            zh: "学校的规则文件（rules 文件夹中的 .toml），或内置方案的名称：\(BundledRules.names.joined(separator: "、"))。",
            en: "The school's rules file (rules/*.toml), or a built-in plan's name: \(BundledRules.names.joined(separator: ", ")).",
            valueName: "file"))
        var rules: String

        @Option(name: .long, help: ArgumentHelp(
            zh: "从已结账的上学期账本开始：结转学生、教师和各户、各经费项目的余额。",
            en: "Start from the last term's closed ledger: carry its students, teachers and balances.", valueName: "ledger"))
        var from: String?
        @Flag(name: .long, help: ArgumentHelp(
            zh: "新学年：每个年级升一级，最高年级毕业离校，班级按规则文件 [year] 改名（需 --from）。",
            en: "A new school year: each grade up one, the top grade leaves, classes renamed as the rules' [year] says (with --from)."))
        var promote = false

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if promote && from == nil {
                throw ValidationError(Tuoguan.text("--promote 需要 --from 上学期账本", "--promote needs --from the last term's ledger"))
            }
        }

        func run() throws {
            let language = ledger.language
            let (text, file) = try BundledRules.load(rules, flag: "--rules")
            let plan = try RulesLoader.parse(text, file: file)
            // Everything about the closed ledger is checked before the new file exists.
            let setup = try from.map { try NextTermSetup(from: $0, next: plan, promote: promote) }
            let created = try Ledger.create(at: ledger.path, rules: plan, rulesText: text, rulesFile: file, by: recorder.name)
            if let setup {
                do {
                    try setup.carry(into: created, by: recorder.name, ClerkText(language: language))
                } catch {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
                    throw error
                }
            }
            if file != rules {
                Console.say("（使用内置规则文件 \(file)）", "(using the built-in rules file \(file))", language)
            }
            Console.say(
                "已新建账本 \(ledger.path)：\(plan.school) \(plan.termTitle)（\(plan.starts) 至 \(plan.ends)，\(plan.policies.count) 种收费政策）",
                "created ledger \(ledger.path): \(plan.school) \(plan.termTitle) (\(plan.starts) to \(plan.ends), \(plan.policies.count) policies)",
                language)
        }
    }
}
