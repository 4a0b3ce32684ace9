// libFuzzer target for the rules loader: every text is either a valid plan or a TuoguanError whose problems
// all point inside the file — never a crash or a hang, in TOMLKit (toml++), the key locator or the decoder.
// TOMLKeyLocator also runs on the raw text, which TOMLKit may reject (it must stop early, never trap).
//
// Built by scripts/fuzz from the TuoguanCore and TuoguanRules sources with TOMLKit compiled from its
// checkout (its C++ part, toml++, instrumented too).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulesLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let locator = TOMLKeyLocator(text: text)
    for (path, position) in locator.positions {
        if position.line < 1 || position.column < 1 || locator.line(position.line) == nil {
            fatalError("locator: \(path) at \(position.line):\(position.column) of \(locator.lines.count) lines")
        }
        _ = locator.nearest(to: path + ".x")
    }
    do {
        let plan = try RulesLoader.parse(text, file: "fuzz.toml")
        if plan.starts > plan.ends { fatalError("a plan whose term ends before it starts") }
        var bp: Int64 = 0
        for pool in plan.split.pools { bp += pool.basisPoints }
        if !plan.split.pools.isEmpty && bp != 10_000 { fatalError("pools add up to \(bp) basis points") }
    } catch let error as TuoguanError {
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        for e in [error] + error.more {
            if e.message.en.isEmpty || e.message.zh.isEmpty { fatalError("an error without a message: \(e)") }
            if let line = e.location?.line, line < 1 || line > lineCount + 1 {
                fatalError("an error at line \(line) of a \(lineCount)-line file: \(e.message.en)")
            }
        }
        _ = error.rendered(.en)
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
