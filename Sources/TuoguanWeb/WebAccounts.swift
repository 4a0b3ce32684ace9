import HummingbirdBcrypt
import TuoguanCore

/// Passwords of the web page's accounts: bcrypt hashes (the store keeps only the hash).
///
/// ```swift
/// let hash = WebAccounts.hash("correct horse battery")
/// WebAccounts.verify("correct horse battery", hash: hash)   // true
/// ```
public enum WebAccounts {
    /// bcrypt's cost: 2^12 rounds, a quarter of a second or so on an office computer.
    public static let cost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = cost) -> String { Bcrypt.hash(password, cost: cost) }

    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// What is wrong with a new password: shorter than 8 characters, or longer than bcrypt reads (72 bytes).
    public static func passwordProblem(_ password: String) -> LocalizedText? {
        if password.count < 8 { return LocalizedText(zh: "密码至少 8 个字符", en: "a password needs at least 8 characters") }
        if password.utf8.count > 72 { return LocalizedText(zh: "密码最长 72 字节", en: "a password may be at most 72 bytes") }
        return nil
    }
}
