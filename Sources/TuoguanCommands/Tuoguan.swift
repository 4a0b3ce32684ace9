import ArgumentParser
import TuoguanCore

/// The `tuoguan` command: after-school care money for the finance committee, the principal and the clerk.
public struct Tuoguan: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tuoguan",
        abstract: "课后服务（托管）收费、退费、经费分配与教师课酬 — after-school care money, exact to the fen.",
        subcommands: []
    )
    public init() {}

    /// Runs the command line and exits with the code of the error kind (usage 64, data 65, missing file 66).
    public static func run() async {
        await main()
    }
}
