import Foundation

/// Comma-separated values that spreadsheets open as meant: UTF-8 with a byte order mark (so
/// "ä" and "ñ" survive Excel), every cell quoted, lines ended by CR LF — and a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return prefixed with an apostrophe, so that no
/// answer someone typed runs as a formula on a staff member's machine.
public enum CSV {
    public static let byteOrderMark = "\u{FEFF}"

    public static func document(header: [String], rows: [[String]]) -> String {
        var text = byteOrderMark
        for row in [header] + rows {
            text += row.map(cell).joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
