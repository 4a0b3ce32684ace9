#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of an input file, read without holding them all in memory: a regular file is mapped
/// (`mmap`), and a reader that has gone past a part gives it back with ``release(before:)``, so the resident
/// memory of an import stays a few megabytes of file however large the file is (a district's attendance is
/// hundreds of megabytes). Bytes from elsewhere (tests, a pipe, a converted GB18030 file) live on the heap.
///
/// ```swift
/// let text = try TextBytes(contentsOf: "attendance.csv")
/// for offset in stride(from: 0, to: text.count, by: 1 << 24) {
///     …  // read text.buffer[offset…]
///     text.release(before: offset)
/// }
/// ```
public final class TextBytes {
    /// The bytes (after a byte-order mark, for a view made by ``dropping(first:)``).
    public let buffer: UnsafeBufferPointer<UInt8>
    private let storage: Storage
    /// Bytes before this offset of `buffer` were given back already.
    private var released = 0

    private final class Storage {
        let base: UnsafeMutableRawPointer?
        let length: Int
        let mapped: Bool
        init(base: UnsafeMutableRawPointer?, length: Int, mapped: Bool) {
            self.base = base
            self.length = length
            self.mapped = mapped
        }
        deinit {
            guard let base else { return }
            if mapped { munmap(base, length) } else { base.deallocate() }
        }
    }

    private init(storage: Storage, offset: Int) {
        self.storage = storage
        let start = storage.base.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
        buffer = UnsafeBufferPointer(start: start.map { $0 + offset }, count: storage.length - offset)
    }

    /// A heap copy of `bytes`.
    public convenience init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        let count = bytes.count
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        let typed = base.bindMemory(to: UInt8.self, capacity: max(count, 1))
        _ = UnsafeMutableBufferPointer(start: typed, count: count).initialize(from: bytes)
        self.init(storage: Storage(base: base, length: count, mapped: false), offset: 0)
    }

    /// The file at `path`, mapped when it is a regular file, else read as it comes; nil when it cannot be read.
    public static func contents(of path: String) -> TextBytes? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0 {
            if let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
                // Read front to back: the kernel reads ahead and drops what was read.
                _ = madvise(base, size, MADV_SEQUENTIAL)
                return TextBytes(storage: Storage(base: base, length: size, mapped: true), offset: 0)
            }
        }
        // A pipe, a device, an empty file, or a file that cannot be mapped: read it to the end.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return TextBytes(copying: bytes)
    }

    /// The same bytes without the first `n` (a byte-order mark), sharing the memory.
    func dropping(first n: Int) -> TextBytes {
        let offset = (buffer.baseAddress.map { UnsafeRawPointer($0) - UnsafeRawPointer(storage.base!) } ?? 0) + n
        return TextBytes(storage: storage, offset: min(offset, storage.length))
    }

    public var count: Int { buffer.count }

    /// Gives the pages wholly before `offset` back to the system (a mapped file only; reading them again
    /// reads the file again). Cheap to call often: it acts once per 16 MiB.
    public func release(before offset: Int) {
        if offset < released { released = 0 }  // a new pass from the start
        guard storage.mapped, let start = buffer.baseAddress, offset - released >= 1 << 24 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = (UnsafeRawPointer(start) + released) - UnsafeRawPointer(storage.base!)
        let to = (UnsafeRawPointer(start) + offset) - UnsafeRawPointer(storage.base!)
        let alignedFrom = from / page * page
        let alignedTo = to / page * page
        if alignedTo > alignedFrom {
            _ = madvise(storage.base! + alignedFrom, alignedTo - alignedFrom, MADV_DONTNEED)
        }
        released = offset
    }
}
