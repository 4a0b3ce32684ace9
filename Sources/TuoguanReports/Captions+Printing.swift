import TuoguanCore

extension Captions {
    /// The rounding rule as a person says it: `四舍五入`, `round half up`.
    ///
    /// ```swift
    /// Captions(language: .zh).rounding(.halfEven)   // "四舍六入五成双"
    /// ```
    func rounding(_ rule: RoundingRule) -> String {
        switch rule {
        case .halfUp: return t("四舍五入", "round half up")
        case .halfEven: return t("四舍六入五成双", "round half to even")
        case .down: return t("舍去", "round down")
        case .up: return t("进一", "round up")
        }
    }
}
