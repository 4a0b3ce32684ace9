import Foundation
import TuoguanCore

/// Where the commands write: the user's language, stdout for results, stderr for progress.
enum Console {
    /// `--lang` if given, else Chinese when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else English.
    static func language(explicit: Language?) -> Language {
        if let explicit { return explicit }
        let env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[key], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    static func say(_ zh: String, _ en: String, _ language: Language) {
        print(language == .zh ? zh : en)
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A one-line progress note on a terminal (nothing when piped).
    static func progress(_ text: String) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    static func endProgress() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Seconds since `start`, for the one-line summaries.
struct Stopwatch {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: String {
        let ns = DispatchTime.now().uptimeNanoseconds - start
        let ms = ns / 1_000_000
        return "\(ms / 1000).\(pad(Int(ms % 1000) / 10, 2))s"
    }
}
