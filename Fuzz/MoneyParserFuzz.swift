// libFuzzer target for the money parser: every input is either accepted (and then formats and parses back
// to the same amount, and its 大写 is non-empty) or rejected with a TuoguanError — never a crash or a hang.
// Built and run by scripts/fuzz.


@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMoneyParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let money = try Money(parsing: text)
        let again = try Money(parsing: money.formatted())
        if again != money { fatalError("round trip: \(text) → \(money.formatted()) → \(again.formatted())") }
        if money.uppercase.isEmpty { fatalError("empty 大写 for \(text)") }
        _ = try? money * 3
        _ = try? money.scaled(by: 7, over: 60, rounding: .halfEven)
    } catch is TuoguanError {
        // rejected with a message: fine
    } catch {
        fatalError("unexpected error type for \(text): \(error)")
    }
    return 0
}
