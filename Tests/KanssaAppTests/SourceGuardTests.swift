import Foundation
import Testing

/// Plot writes attribute values as given. Only `SafeHTML.swift` may call Plot's attribute
/// writers with a value that is not a string literal; everything else goes through its helpers.
@Suite struct SourceGuardTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test func onlyTheEscapingHelperWritesAttributesFromValues() throws {
        let writers = #/(^|[\s(,])\.(value|href|action|class|id|name|for|placeholder|src|content|alt|title|text|raw|attribute)\((?!")/#
        var offences: [String] = []
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != "SafeHTML.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains("import Plot") else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(writers) && !line.contains("named: \"") {
                offences.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }
}
