/// Equal arrays kept once: an array equal to one seen before is replaced by that one (Swift arrays are
/// copy-on-write, so the two then share one storage). For columns many values hold alike: the days of the
/// courses meeting on the same weekdays, the weekdays themselves.
///
/// ```swift
/// var pool = SharedArrays<Int>()
/// let a = pool.shared([1, 3])
/// let b = pool.shared([1, 3])   // a's storage, not a second array
/// ```
public struct SharedArrays<Element: Hashable>: Sendable where Element: Sendable {
    private var seen: Set<[Element]> = []

    public init() {}

    /// `array`, or the equal array seen before.
    public mutating func shared(_ array: [Element]) -> [Element] { seen.insert(array).memberAfterInsert }
}
