import Testing
import TuoguanCore

/// The examples of issue 2, written by the central bank's rules for cheques and vouchers.
@Suite struct MoneyUppercaseTests {
    @Test(arguments: [
        (16000 as Int64, "壹佰陆拾元整"),  // 160.00
        (140950, "壹仟肆佰零玖元伍角"),  // 1409.50: zero in the tens → 零
        (600714, "陆仟零柒元壹角肆分"),  // 6007.14: a run of zeros → one 零
        (1640902, "壹万陆仟肆佰零玖元零贰分"),  // 16409.02: no 角 → 零 before 分
        (0, "零元整"),
        (10000000001, "壹亿元零壹分"),  // 100,000,000.01
        (1000100000, "壹仟万零壹仟元整"),  // 10,001,000.00
    ])
    func examples(fen: Int64, expected: String) {
        #expect(Money(fen: fen).uppercase == expected)
    }
}
