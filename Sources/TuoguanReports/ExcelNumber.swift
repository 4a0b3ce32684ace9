import TuoguanCore

/// THE one place where money becomes a floating-point number, audited.
///
/// The .xlsx file format stores every number as an IEEE-754 double; there is no decimal cell type, so a money
/// cell has to hold `fen / 100` as a double. All arithmetic happens before this point, in integer fen
/// (`Money`); this conversion is only the last step of writing. A double represents every integer up to 2^53
/// exactly, and `Double(fen) / 100` is the double nearest the exact decimal amount (one correctly rounded
/// division of an exact integer), so every amount below 2^53 fen (≈ 90 trillion yuan) reads back, rounded to
/// two decimals, as the same fen. Totals in the file are formulas whose stored value comes from the money
/// core's integer sum, not from adding doubles.
///
/// ```swift
/// excelNumber(Money(fen: 24_050))   // 240.5
/// ```
public func excelNumber(_ money: Money) -> Double {
    Double(money.fen) / 100
}
