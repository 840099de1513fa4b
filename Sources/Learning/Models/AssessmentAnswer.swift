import Fluent
import Foundation

/// One person's answers in one round, stored as `{"item": value}`; a draft until submitted, so
/// that a long questionnaire can be left and resumed. `@unchecked Sendable`: see ``AssessmentRound``.
public final class AssessmentAnswer: Model, @unchecked Sendable {
    public static let schema = "assessment_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "answers") public var answers: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}

    public init(roundID: UUID, accountID: UUID, answers: [String: Int], at now: Date) {
        self.roundID = roundID
        self.accountID = accountID
        self.answers = Self.stored(answers)
        self.updatedAt = now
    }

    /// The answers as a dictionary; what cannot be read is left out.
    public var values: [String: Int] { Self.read(answers) }

    /// Reads stored answers. What ``stored(_:)`` writes — `{"id":4,"id2":2}`, ids without quotes
    /// or backslashes inside — is read by a short scanner: a round's figures read ten thousand of
    /// these per view, and a general JSON decoder is many times slower. Anything else goes to it.
    static func read(_ stored: String) -> [String: Int] {
        if let fast = scan(stored) { return fast }
        return (try? JSONDecoder().decode([String: Int].self, from: Data(stored.utf8))) ?? [:]
    }

    static func scan(_ stored: String) -> [String: Int]? {
        var utf8 = stored.utf8[...]
        guard utf8.popFirst() == UInt8(ascii: "{"), utf8.popLast() == UInt8(ascii: "}") else { return nil }
        var result: [String: Int] = [:]
        while !utf8.isEmpty {
            guard utf8.popFirst() == UInt8(ascii: "\""), let close = utf8.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let key = utf8[..<close]
            guard !key.contains(UInt8(ascii: "\\")) else { return nil }
            utf8 = utf8[utf8.index(after: close)...]
            guard utf8.popFirst() == UInt8(ascii: ":") else { return nil }
            var value = 0
            var digits = 0
            var negative = false
            if utf8.first == UInt8(ascii: "-") { negative = true; utf8.removeFirst() }
            while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                utf8.removeFirst()
            }
            guard digits > 0 else { return nil }
            result[String(decoding: key, as: UTF8.self)] = negative ? -value : value
            if utf8.isEmpty { break }
            guard utf8.popFirst() == UInt8(ascii: ","), !utf8.isEmpty else { return nil }
        }
        return result
    }

    static func stored(_ answers: [String: Int]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
