/// A read-only map from short ids (``AttendanceBulkImport/ShortKey``: up to 15 bytes) to small integers, for
/// the loops that look one up per attendance row (millions in a district's term). Open addressing with a
/// multiplicative hash of the two words: several times cheaper than `Dictionary`'s seeded SipHash, and the
/// keys are the school's own ids, not input an attacker picks to collide (a collision only costs a probe).
///
/// ```swift
/// var table = ShortKeyTable(capacity: ids.count)
/// for (i, id) in ids.enumerated() { table.insert(ShortKey(id)!, Int32(i)) }
/// table[key]  // Int32?
/// ```
struct ShortKeyTable {
    typealias Key = AttendanceBulkImport.ShortKey
    /// Key and value side by side: a lookup is one cache miss, not two (the table of a district's students
    /// is megabytes, and ids come in no useful order).
    private struct Slot {
        var key: Key
        var value: Int32
    }
    private var slots: [Slot]
    private let mask: Int
    /// Entries, for the load factor.
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: .empty, value: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: Key) -> Int {
        var h = key.a &* 0x9E37_79B9_7F4A_7C15
        h ^= (key.b &+ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> 17) & mask
    }

    /// Adds or replaces `key`'s value (the capacity given at creation must not be exceeded).
    mutating func insert(_ key: Key, _ value: Int32) {
        precondition(count * 2 < slots.count, "ShortKeyTable over capacity")
        var i = slot(key)
        while slots[i].value >= 0 && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].value < 0 { count += 1 }
        slots[i] = Slot(key: key, value: value)
    }

    @inline(__always)
    subscript(key: Key) -> Int32? {
        var i = slot(key)
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[i]
                if entry.value < 0 { return nil }
                if entry.key == key { return entry.value }
                i = (i + 1) & mask
            }
        }
    }
}
