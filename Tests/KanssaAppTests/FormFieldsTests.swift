import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import Vapor

/// The hand-read form fields must read what Vapor's decoder reads, for the forms Kanssa sends.
@Suite struct FormFieldsTests {
    struct Answer: Decodable, Equatable {
        var choice: String?
        var choices: [String]?
        var text: String?
    }

    /// Escapes a value as a browser does: letters as they are, a space as `+`, the rest `%XX`.
    static func escaped(_ text: String) -> String {
        text.utf8.map { byte -> String in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"):
                String(UnicodeScalar(byte))
            case UInt8(ascii: " "): "+"
            default: String(format: "%%%02X", byte)
            }
        }.joined()
    }

    static let alphabet: [String] = ["a", "Z", "7", " ", "+", "&", "=", "%", "ä", "€", "\n", "\"", "[", "]", "é", "😀", "-"]

    static func randomText(_ generator: inout SplitMix) -> String {
        (0..<generator.below(12)).map { _ in alphabet[generator.below(alphabet.count)] }.joined()
    }

    @Test func readsWhatVaporsDecoderReads() throws {
        var generator = SplitMix(seed: 20261207)
        for _ in 0..<500 {
            let choice = Self.randomText(&generator)
            let text = Self.randomText(&generator)
            let choices = (0..<(1 + generator.below(4))).map { _ in Self.randomText(&generator) }
            var parts = ["_csrf=\(Self.escaped(Self.randomText(&generator)))", "choice=\(Self.escaped(choice))", "text=\(Self.escaped(text))"]
            parts += choices.map { "choices%5B%5D=\(Self.escaped($0))" }
            parts = parts.map { ($0, generator.next()) }.sorted { $0.1 < $1.1 }.map(\.0)
            let body = parts.joined(separator: "&")
            let vapor = try URLEncodedFormDecoder().decode(Answer.self, from: body)
            let fields = try #require(FormFields(body: body))
            #expect(Answer(choice: fields.first("choice"), choices: fields.all("choices"), text: fields.first("text")) == vapor, "\(body)")
            let flat = try URLEncodedFormDecoder().decode([String: String].self, from: parts.filter { !$0.hasPrefix("choices") }.joined(separator: "&"))
            #expect(flat["text"] == fields.dictionary["text"] && flat["choice"] == fields.dictionary["choice"])
        }
    }

    @Test func aBadlyEscapedFormIsRefusedWhole() {
        #expect(FormFields(body: "text=ok&choice=%zz") == nil)
        #expect(FormFields(body: "text=50%") == nil)
        #expect(FormFields(body: "a=1&b&c=")?.dictionary == ["a": "1", "b": "", "c": ""])
        #expect(FormFields(body: "")?.dictionary == [:])
    }

    @Test func theFirstOfARepeatedFieldCounts() {
        let fields = FormFields(body: "skip=1&skip=2&consent%5B%5D=quote&consent[]=publish")
        #expect(fields?.first("skip") == "1")
        #expect(fields?.all("consent") == ["quote", "publish"])
        #expect(fields?.all("skip") == [])
    }
}
