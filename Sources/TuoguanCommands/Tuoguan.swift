import ArgumentParser
import Foundation
import TuoguanCore

/// The `tuoguan` command: after-school care money for the finance committee, the principal and the clerk.
///
/// A thin layer over the library: each subcommand parses its flags, calls TuoguanStore / TuoguanReports,
/// and prints a short summary. Errors are one or two lines (`FILE:LINE:COL: what is wrong`, then how to fix
/// it), never a stack trace, and exit with a code by kind: usage 64, bad data 65, missing file 66, other 1.
public struct Tuoguan: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tuoguan",
        abstract: Tuoguan.text("课后服务（托管）收费、退费、经费分配与教师课酬，精确到分。", "After-school care money, exact to the fen."),
        discussion: Tuoguan.text(
            """
            一个学期从头到尾：
              tuoguan init --rules rules/one-plus-x.toml --db school.sqlite
              tuoguan import 学生 学生名单.csv --db school.sqlite      （然后是教师、课程 …）
              tuoguan pay --receipt R001 --student S000001 --amount 240 --method 微信 --db school.sqlite
              tuoguan cancel --date 2024-11-05 --reason 台风 --db school.sqlite
              tuoguan statement --db school.sqlite
            用示例学校试一试：tuoguan demo
            """,
            """
            A term, start to end:
              tuoguan init --rules rules/one-plus-x.toml --db school.sqlite
              tuoguan import students students.csv --db school.sqlite      (then teachers, courses, …)
              tuoguan pay --receipt R001 --student S000001 --amount 240 --db school.sqlite
              tuoguan cancel --date 2024-11-05 --reason 台风 --db school.sqlite
              tuoguan statement --db school.sqlite
            Try it on a sample school: tuoguan demo
            """),
        version: Tuoguan.version,
        subcommands: [
            Init.self, Import.self, Pay.self, Refund.self, Cancel.self, Withdraw.self, Correct.self,
            Statement.self, Workload.self, Disclosure.self, Refunds.self, Subsidy.self, Check.self, Report.self,
            Explain.self, Verify.self, Demo.self, Generate.self,
            Spend.self,
            Edit.self, Find.self, Show.self, Owed.self,
            Notices.self,
            Undo.self,
            Schedule.self,
            Rules.self,
            Reconcile.self, Receipt.self,
            Settle.self,
            Export.self,
            Close.self, Reopen.self, District.self, Year.self,
            Serve.self, User.self,
        ]
    )
    public init() {}

    /// The version `tuoguan --version` prints.
    public static let version = "0.5.0"

    /// Parses `arguments` (default: the process's), runs the command, and exits with the code of its kind.
    /// Errors of one kind show the first 20 and a count, unless `--all-errors` is given.
    public static func run(_ arguments: [String]? = nil) -> Never {
        let arguments = prepared(arguments ?? Array(CommandLine.arguments.dropFirst()))
        let language = Console.language(explicit: languageFlag(in: arguments))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as TuoguanError {
            let limit = arguments.contains("--all-errors") ? nil : 20
            FileHandle.standardError.write(Data((error.rendered(language, firstOfEachKind: limit) + "\n").utf8))
            Foundation.exit(exitCode(for: error.code))
        } catch {
            exitWithParserMessage(error, language)
        }
    }

    /// The value of `--lang` in the arguments, for messages of errors thrown after parsing.
    static func languageFlag(in arguments: [String]) -> Language? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) }
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst("--lang=".count))) }
        }
        return nil
    }

    /// Exit codes by kind (sysexits.h): usage 64, bad data 65, missing file 66, other 1.
    public static func exitCode(for code: TuoguanError.Code) -> Int32 {
        switch code {
        case .usage: return 64
        case .badAmount, .overflow, .allocationWeights, .rulesSyntax, .rulesInvalid, .rulesSchema, .badInput,
            .unknownReference, .duplicate, .conflict, .refundRefused, .refundCeiling:
            return 65
        case .spendingCeiling: return 65
        case .ledgerClosed, .balancesOpen: return 65
        case .fileMissing: return 66
        case .ledger, .ledgerTampered, .ledgerBusy, .fileUnwritable, .internal: return 1
        }
    }
}
