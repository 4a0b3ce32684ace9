import TuoguanCore

/// The kind of export a file of transfers is, recognised from the file itself (``TransferReader``).
public enum TransferFormat: String, Sendable, CaseIterable {
    case wechat, alipay, bank

    public var text: LocalizedText {
        switch self {
        case .wechat: return LocalizedText(zh: "微信支付账单", en: "WeChat Pay bill")
        case .alipay: return LocalizedText(zh: "支付宝账单", en: "Alipay bill")
        case .bank: return LocalizedText(zh: "银行流水", en: "bank statement")
        }
    }

    /// The payment method of its transfers.
    public var method: PaymentMethod {
        switch self {
        case .wechat: return .wechat
        case .alipay: return .alipay
        case .bank: return .bank
        }
    }
}

/// A row of the export that is not an incoming, completed transfer: left out and counted.
public enum SkippedTransfer: String, Sendable, CaseIterable {
    /// 退款: a refund (either way).
    case refund
    /// 支出: money going out.
    case outgoing
    /// 已退还: a transfer that went back to the payer (not accepted in time).
    case returned
    /// 中性: neither income nor spending (`/`, 不计收支: moving money between one's own accounts).
    case neutral
    /// Not completed (待收款, 交易关闭 …).
    case incomplete

    public var text: LocalizedText {
        switch self {
        case .refund: return LocalizedText(zh: "退款", en: "refunds")
        case .outgoing: return LocalizedText(zh: "支出", en: "outgoing")
        case .returned: return LocalizedText(zh: "已退还", en: "returned to the payer")
        case .neutral: return LocalizedText(zh: "中性（不计收支）", en: "neutral (neither in nor out)")
        case .incomplete: return LocalizedText(zh: "未完成", en: "not completed")
        }
    }
}

/// What an export holds: its incoming, completed transfers (each id once), what was left out, by kind, and
/// where each transfer is in the file.
///
/// ```swift
/// let export = try TransferReader.read(path: "微信支付账单.csv")
/// export.format                 // .wechat
/// export.transfers.count        // 12
/// export.skipped[.outgoing]     // 3
/// ```
public struct TransferExport: Sendable {
    public var format: TransferFormat
    public var fileName: String
    public var transfers: [IncomingTransfer] = []
    public var skipped: [SkippedTransfer: Int] = [:]
    /// Rows that repeat a transfer of the same file with the same contents (two overlapping exports pasted
    /// together): read once.
    public var repeated = 0
    /// Transfer id → its place in the file, for messages.
    public var places: [String: SourceLocation] = [:]

    public init(format: TransferFormat, fileName: String) {
        self.format = format
        self.fileName = fileName
    }

    /// Rows read that were transactions (incoming or not).
    public var rowsRead: Int { transfers.count + repeated + skipped.values.reduce(0, +) }
}
