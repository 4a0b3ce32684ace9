import ArgumentParser
import Dispatch
import Foundation
import TuoguanCore
import TuoguanStore
import TuoguanWeb

extension Tuoguan {
    /// `tuoguan serve`: the office's web page over one ledger.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("打开办公室网页（会计、家委会、校长、班主任在浏览器中办理）", "Serve the office's web page (clerk, committee, principal and class teachers in a browser)."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan serve --db school.sqlite   然后在浏览器打开 http://127.0.0.1:8080
                先添加账户：tuoguan user add 王会计 --role clerk。默认只在本机打开；--host 0.0.0.0 让办公室其他电脑访问（需已有账户）。
                """,
                """
                Example: tuoguan serve --db school.sqlite   then open http://127.0.0.1:8080 in a browser
                Add an account first: tuoguan user add NAME --role clerk. Served on this machine only unless --host says
                otherwise (--host 0.0.0.0 for the office's network; needs an account).
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "监听的地址（默认 127.0.0.1，仅本机）。", en: "Address to listen on (default 127.0.0.1: this machine only)."))
        var host: String = "127.0.0.1"
        @Option(name: .long, help: ArgumentHelp(zh: "端口（默认 8080）。", en: "Port (default 8080)."))
        var port: Int = 8080
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if !(1...65535).contains(port) {
                throw ValidationError(Tuoguan.text("--port 须在 1 到 65535 之间", "--port must be between 1 and 65535"))
            }
        }

        func run() throws {
            let book = try ledger.open()
            try WebServer.checkHost(host, ledger: book)
            let site = try WebSite(ledger: book)
            let app = WebServer.application(site: site, host: host, port: port)
            let shown = host.contains(":") ? "[\(host)]" : host
            Console.say(
                "tuoguan 网页：http://\(shown):\(port)（账本 \(ledger.path)；按 Ctrl-C 停止）",
                "tuoguan page: http://\(shown):\(port) (ledger \(ledger.path); Ctrl-C stops it)", ledger.language)
            fflush(nil)
            if try book.accounts().isEmpty {
                Console.warn(ledger.language == .zh
                    ? "提醒：还没有账户，先运行 tuoguan user add 姓名 --role clerk"
                    : "note: no account yet; run tuoguan user add NAME --role clerk")
            }
            let failure = ServeFailure()
            let done = DispatchSemaphore(value: 0)
            Task {
                do { try await app.runService() } catch { failure.set(error) }
                done.signal()
            }
            done.wait()
            if failure.get() != nil {
                throw TuoguanError(
                    .usage, zh: "无法在 \(shown):\(port) 上打开网页（端口被占用或地址不可用）",
                    en: "cannot serve on \(shown):\(port) (the port is taken or the address is not available)",
                    fix: LocalizedText(zh: "换一个端口，如 --port 8081", en: "choose another port, e.g. --port 8081"), at: SourceLocation(key: "--port"))
            }
        }
    }
}

/// The server's error, handed from its task to the waiting command.
private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ e: Error) { lock.lock(); error = e; lock.unlock() }
    func get() -> Error? { lock.lock(); defer { lock.unlock() }; return error }
}
