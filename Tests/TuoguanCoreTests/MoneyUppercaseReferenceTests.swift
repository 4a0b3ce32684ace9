import Testing
import TuoguanCore

/// 大写 checked against an independent implementation.
///
/// How the table was produced: once, with the Python package `cn2an` 0.5.24,
/// `cn2an.an2cn(amount, "rmb")` for each amount in the comment; its output is committed here as is.
///
/// The one difference that is allowed is the *optional* 零 of the bank rules (《正确填写票据和结算凭证的基本
/// 规定》): when the zeros between two non-zero digits end at the 万 or 元 position (or take a whole group)
/// and the next digit is a non-zero 仟, "可以只写一个零字，也可以不写零字". cn2an leaves it out
/// (`壹仟万壹仟元整`); tuoguan writes it (`壹仟万零壹仟元整`, see `MoneyUppercaseTests`). Both sides are
/// normalised by removing a 零 that stands right before "<digit>仟" — inside a group 仟 is the highest
/// position, so such a 零 can only be that optional one; every other 零 is compared.
@Suite struct MoneyUppercaseReferenceTests {
    static func withoutOptionalZero(_ text: String) -> String {
        let digits: Set<Character> = ["壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character == "零", index + 2 < characters.count, digits.contains(characters[index + 1]),
                characters[index + 2] == "仟"
            {
                continue
            }
            out.append(character)
        }
        return out
    }

    @Test(arguments: [
        (1, "壹分"),  // 0.01
        (10, "壹角"),  // 0.10
        (99, "玖角玖分"),  // 0.99
        (100, "壹元整"),  // 1.00
        (101, "壹元零壹分"),  // 1.01
        (110, "壹元壹角"),  // 1.10
        (1000, "壹拾元整"),  // 10.00
        (1050, "壹拾元伍角"),  // 10.50
        (1100, "壹拾壹元整"),  // 11.00
        (1999, "壹拾玖元玖角玖分"),  // 19.99
        (2000, "贰拾元整"),  // 20.00
        (10000, "壹佰元整"),  // 100.00
        (10100, "壹佰零壹元整"),  // 101.00
        (11000, "壹佰壹拾元整"),  // 110.00
        (16000, "壹佰陆拾元整"),  // 160.00
        (22000, "贰佰贰拾元整"),  // 220.00
        (24000, "贰佰肆拾元整"),  // 240.00
        (100000, "壹仟元整"),  // 1000.00
        (100100, "壹仟零壹元整"),  // 1001.00
        (101010, "壹仟零壹拾元壹角"),  // 1010.10
        (110000, "壹仟壹佰元整"),  // 1100.00
        (200000, "贰仟元整"),  // 2000.00
        (600001, "陆仟元零壹分"),  // 6000.01
        (1000001, "壹万元零壹分"),  // 10000.01
        (1000100, "壹万零壹元整"),  // 10001.00
        (1001000, "壹万零壹拾元整"),  // 10010.00
        (1010000, "壹万零壹佰元整"),  // 10100.00
        (1100000, "壹万壹仟元整"),  // 11000.00
        (10000000, "壹拾万元整"),  // 100000.00
        (10500000, "壹拾万伍仟元整"),  // 105000.00
        (10010000, "壹拾万零壹佰元整"),  // 100100.00
        (100000000, "壹佰万元整"),  // 1000000.00
        (100100050, "壹佰万壹仟元伍角"),  // 1001000.50
        (1000100000, "壹仟万壹仟元整"),  // 10001000.00
        (1234567890, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"),  // 12345678.90
        (10000000000, "壹亿元整"),  // 100000000.00
        (10000000100, "壹亿零壹元整"),  // 100000001.00
        (10000100000, "壹亿壹仟元整"),  // 100001000.00
        (10001000000, "壹亿零壹万元整"),  // 100010000.00
        (100001000000, "壹拾亿零壹万元整"),  // 1000010000.00
        (101000000000, "壹拾亿壹仟万元整"),  // 1010000000.00
        (200000000000, "贰拾亿元整"),  // 2000000000.00
        (123456789012, "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),  // 1234567890.12
        (100000000000000, "壹万亿元整"),  // 1000000000000.00
        (999999999999999, "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),  // 9999999999999.99
        (5000500005, "伍仟万伍仟元零伍分"),  // 50005000.05
        (300760, "叁仟零柒元陆角"),  // 3007.60
        (4000, "肆拾元整"),  // 40.00
        (14000, "壹佰肆拾元整"),  // 140.00
        (6000000, "陆万元整"),  // 60000.00
        (320000008, "叁佰贰拾万元零捌分"),  // 3200000.08
        (9000000900, "玖仟万零玖元整"),  // 90000009.00
        (-300, "负叁元整"),  // -3.00
        (-140950, "负壹仟肆佰零玖元伍角"),  // -1409.50
    ])
    func matchesCn2an(fen: Int64, expected: String) {
        let ours = Money(fen: fen).uppercase
        #expect(Self.withoutOptionalZero(ours) == Self.withoutOptionalZero(expected), "\(Money(fen: fen).formatted())")
    }

    /// The normalisation itself removes only the optional 零.
    @Test func normalisationKeepsRequiredZeros() {
        #expect(Self.withoutOptionalZero("壹仟万零壹仟元整") == "壹仟万壹仟元整")
        #expect(Self.withoutOptionalZero("壹拾万零伍仟元整") == "壹拾万伍仟元整")
        #expect(Self.withoutOptionalZero("壹仟肆佰零玖元伍角") == "壹仟肆佰零玖元伍角")
        #expect(Self.withoutOptionalZero("壹万陆仟肆佰零玖元零贰分") == "壹万陆仟肆佰零玖元零贰分")
        #expect(Self.withoutOptionalZero("壹万零壹佰元整") == "壹万零壹佰元整")
    }

    /// The largest amounts, beyond what cn2an takes (16 digits): the part above 亿 is spelled like any
    /// number and followed by 亿. Int64.max fen = 9|2233|7203|6854|7758.07 yuan
    /// = (9 亿 2233 万 7203) 亿 6854 万 7758 元 0 角 7 分.
    @Test func extremes() {
        #expect(Money(fen: .max).uppercase == "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分")
        #expect(Money(fen: .min).uppercase == "负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分")
        // 10¹⁶ yuan, 10¹² yuan + 5
        #expect(Money(fen: 1_000_000_000_000_000_000).uppercase == "壹亿亿元整")
        #expect(Money(fen: 100_000_000_000_500).uppercase == "壹万亿零伍元整")
    }
}
