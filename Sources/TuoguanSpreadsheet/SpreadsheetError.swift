import CXLSXWriter

/// What can go wrong while writing a workbook. The reports module turns these into `TuoguanError`s.
///
/// ```swift
/// do { try workbook.close() } catch SpreadsheetError.cannotCreateFile(let path) { print("cannot write \(path)") }
/// ```
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be created: the directory does not exist or is not writable.
    case cannotCreateFile(path: String)
    /// The workbook was already closed (written); nothing more can be added.
    case workbookClosed
    /// A sheet name Excel refuses: empty, longer than 31 UTF-16 units, or with one of `[]:*?/\`.
    case badSheetName(name: String, reason: String)
    /// Two sheets with the same name (Excel compares names case-insensitively).
    case duplicateSheetName(name: String)
    /// A cell outside Excel's grid (1,048,576 rows × 16,384 columns).
    case cellOutOfRange(row: Int, column: Int)
    /// In constant-memory mode rows must be written top to bottom.
    case rowOutOfOrder(row: Int, lastRow: Int)
    /// A text longer than the 32,767 characters a cell holds.
    case textTooLong(row: Int, column: Int)
    /// A cell in a style the workbook was not given by ``Workbook/registerStyles(_:)`` (a programming error:
    /// the list of styles is incomplete).
    case styleNotRegistered(style: String)
    /// Any other libxlsxwriter failure, with its code and message.
    case library(code: Int, message: String)

    public var description: String {
        switch self {
        case .cannotCreateFile(let path): return "cannot create the file \(path)"
        case .workbookClosed: return "the workbook is already closed"
        case .badSheetName(let name, let reason): return "bad sheet name \"\(name)\": \(reason)"
        case .duplicateSheetName(let name): return "duplicate sheet name \"\(name)\""
        case .cellOutOfRange(let row, let column): return "cell (\(row), \(column)) is outside the sheet"
        case .rowOutOfOrder(let row, let lastRow):
            return "row \(row) written after row \(lastRow) in constant-memory mode"
        case .textTooLong(let row, let column): return "text in cell (\(row), \(column)) is longer than 32767 characters"
        case .styleNotRegistered(let style): return "the style \(style) was not registered before the sheets were written"
        case .library(let code, let message): return "libxlsxwriter error \(code): \(message)"
        }
    }

    /// Maps a libxlsxwriter status to a typed error (nil for success).
    static func from(_ status: lxw_error, row: Int = 0, column: Int = 0, path: String = "") -> SpreadsheetError? {
        switch status {
        case LXW_NO_ERROR: return nil
        case LXW_ERROR_CREATING_XLSX_FILE: return .cannotCreateFile(path: path)
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: return .cellOutOfRange(row: row, column: column)
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return .textTooLong(row: row, column: column)
        default:
            let message = lxw_strerror(status).map { String(cString: $0) } ?? "unknown"
            return .library(code: Int(status.rawValue), message: message)
        }
    }
}
