extension Money {
    /// The amount in Chinese uppercase (大写金额) as written on cheques and vouchers, by the People's Bank of
    /// China rules (《支付结算办法》附件「正确填写票据和结算凭证的基本规定」):
    /// - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分;
    /// - `整` after 元 when there are no fen, and after 角 when there is no 分 — here written only after 元
    ///   (the common form `壹仟肆佰零玖元伍角`);
    /// - one 零 for a run of zeros in the middle; a zero 元 digit before 角/分 is written as 零
    ///   (`壹万陆仟肆佰零玖元零贰分`);
    /// - negative amounts are prefixed `负`.
    ///
    /// ```swift
    /// Money(fen: 16000).uppercase    // "壹佰陆拾元整"
    /// Money(fen: 140950).uppercase   // "壹仟肆佰零玖元伍角"
    /// Money(fen: 1640902).uppercase  // "壹万陆仟肆佰零玖元零贰分"
    /// ```
    public var uppercase: String {
        let digitsText = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
        let negative = fen < 0
        let magnitude = fen.magnitude
        let yuan = magnitude / 100
        let jiao = Int((magnitude / 10) % 10)
        let fenDigit = Int(magnitude % 10)

        var out = negative ? "负" : ""
        if yuan == 0 && jiao == 0 && fenDigit == 0 { return "零元整" }
        if yuan > 0 {
            out += Money.uppercaseInteger(yuan, digits: digitsText) + "元"
        }
        if jiao == 0 && fenDigit == 0 {
            out += "整"
        } else {
            if jiao > 0 {
                out += digitsText[jiao] + "角"
            } else if yuan > 0 {
                out += "零"  // 元 and 分 with no 角 between them: 壹佰元零伍分
            }
            if fenDigit > 0 { out += digitsText[fenDigit] + "分" }
        }
        return out
    }

    /// The integer part. Below 万 one group of up to four digits (仟佰拾); above, the part over 亿 (or 万) is
    /// spelled the same way and followed by 亿 (万): `壹万亿` is 10¹², `玖万玖仟玖佰玖拾玖亿…` 9,999,999,999,999
    /// (not `玖万亿玖仟…亿`), `壹亿亿` 10¹⁶.
    ///
    /// Zeros between two non-zero digits are written as one 零, also across 万 and 亿: a zero at the low end
    /// of the higher part (`壹拾万零伍仟`, `壹仟万零壹仟`) or at the high end of the lower part (`壹万零伍佰`,
    /// `壹亿零壹仟`). Where the bank rules make that 零 optional (the zeros end at 万 or 元 and the next digit
    /// is a 仟) it is still written.
    static func uppercaseInteger(_ value: UInt64, digits: [String]) -> String {
        func joined(_ high: UInt64, _ unit: String, _ low: UInt64, lowDigits: Int) -> String {
            var out = uppercaseInteger(high, digits: digits) + unit
            if low == 0 { return out }
            var top: UInt64 = 1
            for _ in 1..<lowDigits { top *= 10 }
            if high % 10 == 0 || low < top { out += "零" }
            return out + uppercaseInteger(low, digits: digits)
        }
        if value >= 100_000_000 { return joined(value / 100_000_000, "亿", value % 100_000_000, lowDigits: 8) }
        if value >= 10_000 { return joined(value / 10_000, "万", value % 10_000, lowDigits: 4) }

        let smallUnits = ["", "拾", "佰", "仟"]
        let group = Int(value)
        var groupText = ""
        var zeroInGroup = false
        for position in stride(from: 3, through: 0, by: -1) {
            var p = 1
            for _ in 0..<position { p *= 10 }
            let d = (group / p) % 10
            if d == 0 {
                if !groupText.isEmpty { zeroInGroup = true }
            } else {
                if zeroInGroup { groupText += "零" }
                zeroInGroup = false
                groupText += digits[d] + smallUnits[position]
            }
        }
        return groupText
    }
}
