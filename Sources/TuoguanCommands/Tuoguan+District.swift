import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan district`: the district's roll-up of many schools' ledgers, one row per school.
    struct District: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学区汇总：各校一行，合计，以及未通过的合规检查", "The district's roll-up: one row per school, totals, and every failed finding."),
            discussion: Tuoguan.text(
                """
                每个账本在一次只读事务中读取（不读考勤明细，用导入时记下的统计），并核对其哈希链。各账本须为同一学期（--year：同一学年）。
                某个账本损坏或无法读取时，指出是哪一个，其余照常汇总，退出码不为 0。
                示例：tuoguan district 学校/*.sqlite --out 学区汇总.xlsx   （或 --json）
                """,
                """
                Each ledger is read in one read-only transaction (no attendance rows: the tallies kept at import) and its
                hash chains are checked. The ledgers must be of one term (--year: one school year). A ledger that is
                damaged or cannot be read is named, the others are still rolled up, and the exit status is not 0.
                Example: tuoguan district schools/*.sqlite --out 学区汇总.xlsx   (or --json)
                """))

        @Argument(help: ArgumentHelp(zh: "各校的账本文件。", en: "The schools' ledger files.", valueName: "ledger"))
        var ledgers: [String] = []
        @Option(name: .long, help: ArgumentHelp(zh: "写出学区汇总工作簿（.xlsx）。", en: "Write the roll-up workbook (.xlsx).", valueName: "file"))
        var out: String?
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出（金额以分计）。", en: "Print JSON (amounts in fen)."))
        var json = false
        @Flag(name: .long, help: ArgumentHelp(zh: "允许同一学年的不同学期（按各校规则文件 [year] 的学年起始月）。", en: "Allow different terms of one school year (by each rules file's [year] starts_month)."))
        var year = false
        @Option(name: .customLong("levy-pool"), help: ArgumentHelp(zh: "学区提取对应的经费项目 id（规则文件 [split] 中）。", en: "The pool id of the district levy (under [split] in the rules).", valueName: "id"))
        var levyPool = "district_levy"
        @Option(name: .long, help: ArgumentHelp(zh: "输出语言：zh 或 en。", en: "Language of the output: zh or en."))
        var lang: Language?

        func validate() throws {
            if ledgers.isEmpty {
                throw ValidationError(Tuoguan.text("请给出至少一个账本文件", "give at least one ledger file"))
            }
        }

        func run() throws {
            let language = Console.language(explicit: lang)
            let w = ClerkText(language: language)
            let clock = Stopwatch()
            let rollUp = try DistrictRollUp.read(ledgers, levyPool: levyPool, allowYear: year)
            if json {
                JSONOutput.print(DistrictRollUp.json(rollUp, language: language))
            } else {
                DistrictRollUp.printRows(rollUp, w)
            }
            if let out {
                let path = try prepareOutput(out, defaultName: "")
                let schools = rollUp.rows.map { DistrictSchool(summary: $0.summary, verified: $0.verified, closed: $0.closed, head: $0.head) }
                try Workbooks.writeDistrict(
                    schools, totals: rollUp.totals, failures: rollUp.failures.map { ($0.file, $0.error.message) }, language: lang ?? .zh,
                    to: path)
                Console.say("已写入 \(path)（用时 \(clock.seconds(.zh))）", "wrote \(path) (in \(clock.seconds))", language)
            }
            if let first = rollUp.failures.first {
                var error = first.error
                error.more = rollUp.failures.dropFirst().map(\.error)
                throw error
            }
        }
    }
}
