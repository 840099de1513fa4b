import Foundation

/// Finds what may be personal data in a respondent's words, for a moderator to hide: e-mail
/// addresses, phone numbers, and national identity numbers as Finland, the Netherlands, Spain,
/// Sweden and Estonia write them — each number only when its check digit is right, so that an
/// order number or a date is not taken for one. Suggestions only: the moderator decides.
public enum PersonalData {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case email, phone
        case finnishIdentity = "fi-hetu"
        case dutchIdentity = "nl-bsn"
        case spanishIdentity = "es-dni"
        case swedishIdentity = "se-personnummer"
        case estonianIdentity = "ee-isikukood"
    }

    public struct Finding: Sendable, Equatable {
        public let kind: Kind
        public let passage: Passage
        public let text: String
    }

    /// Everything found, in the order it stands in the text, overlaps left out (the first wins).
    public static func find(in text: String) -> [Finding] {
        var found: [(Range<String.Index>, Kind)] = []
        for match in text.matches(of: #/[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/#) {
            found.append((match.range, .email))
        }
        // Identity numbers before phone numbers: a BSN's nine digits would pass for a phone number.
        for match in text.matches(of: #/[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Ya-y]/#) where standsAlone(match.range, in: text) && isFinnish(String(match.output)) {
            found.append((match.range, .finnishIdentity))
        }
        for match in text.matches(of: #/(?:[0-9]{2})?[0-9]{6}[-+]?[0-9]{4}/#) where standsAlone(match.range, in: text) && isSwedish(String(match.output)) {
            found.append((match.range, .swedishIdentity))
        }
        for match in text.matches(of: #/[1-6][0-9]{10}/#) where standsAlone(match.range, in: text) && isEstonian(String(match.output)) {
            found.append((match.range, .estonianIdentity))
        }
        for match in text.matches(of: #/(?:[0-9]{8}|[XYZxyz][0-9]{7})[-\s]?[A-Za-z]/#) where standsAlone(match.range, in: text) && isSpanish(String(match.output)) {
            found.append((match.range, .spanishIdentity))
        }
        for match in text.matches(of: #/[0-9]{4}\.?[0-9]{2}\.?[0-9]{3}/#) where standsAlone(match.range, in: text) && isDutch(String(match.output)) {
            found.append((match.range, .dutchIdentity))
        }
        for match in text.matches(of: #/(?:\+[0-9]|0)[0-9 ()\-.]{6,18}[0-9]/#) where standsAlone(match.range, in: text) {
            let digits = match.output.filter(\.isNumber).count
            if (7...15).contains(digits) { found.append((match.range, .phone)) }
        }
        // Spain writes its nine-digit numbers without a trunk 0 ("612 345 678").
        for match in text.matches(of: #/[6-9][0-9]{2}[ .\-]?[0-9]{3}[ .\-]?[0-9]{3}/#) where standsAlone(match.range, in: text) {
            found.append((match.range, .phone))
        }
        var kept: [(Range<String.Index>, Kind)] = []
        for item in found.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where !kept.contains(where: { $0.0.overlaps(item.0) }) {
            kept.append(item)
        }
        return kept.map { Finding(kind: $0.1, passage: Passage($0.0, in: text), text: String(text[$0.0])) }
    }

    /// Whether a match is a whole word: no letter or digit right before or after it.
    static func standsAlone(_ range: Range<String.Index>, in text: String) -> Bool {
        if range.lowerBound > text.startIndex, let before = text[..<range.lowerBound].last, before.isLetter || before.isNumber { return false }
        if range.upperBound < text.endIndex, let after = text[range.upperBound...].first, after.isLetter || after.isNumber { return false }
        return true
    }

    // MARK: Check digits

    /// Finland: DDMMYY, a century sign, three digits and a check character (the nine digits
    /// modulo 31).
    static func isFinnish(_ text: String) -> Bool {
        let characters = Array(text.uppercased())
        guard characters.count == 11, let number = Int(String(characters[0..<6]) + String(characters[7..<10])),
              let day = Int(String(characters[0..<2])), let month = Int(String(characters[2..<4])), (1...31).contains(day), (1...12).contains(month)
        else { return false }
        let checks = Array("0123456789ABCDEFHJKLMNPRSTUVWXY")
        return checks[number % 31] == characters[10]
    }

    /// The Netherlands: the BSN's nine digits pass the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9).
    static func isDutch(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        let sum = zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1]).reduce(0) { $0 + $1.0 * $1.1 }
        return sum % 11 == 0
    }

    /// Spain: a DNI's eight digits, or a NIE's X, Y or Z and seven, and the letter they give
    /// (modulo 23).
    static func isSpanish(_ text: String) -> Bool {
        var characters = Array(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        guard characters.count == 9, let letter = characters.last else { return false }
        if let prefix = "XYZ".firstIndex(of: characters[0]) { characters[0] = Character(String("XYZ".distance(from: "XYZ".startIndex, to: prefix))) }
        guard let number = Int(String(characters[0..<8])) else { return false }
        return Array("TRWAGMYFPDXBNJZSQVHLCKE")[number % 23] == letter
    }

    /// Sweden: YYMMDD (day plus 60 for a coordination number) and four digits, the last a Luhn
    /// check over the ten; the century may be written in front.
    static func isSwedish(_ text: String) -> Bool {
        var digits = text.compactMap(\.wholeNumberValue)
        if digits.count == 12 { digits.removeFirst(2) }
        guard digits.count == 10 else { return false }
        let month = digits[2] * 10 + digits[3], day = digits[4] * 10 + digits[5]
        guard (1...12).contains(month), (1...31).contains(day) || (61...91).contains(day) else { return false }
        let sum = digits.enumerated().reduce(0) { sum, item in
            let doubled = item.offset % 2 == 0 ? item.element * 2 : item.element
            return sum + doubled / 10 + doubled % 10
        }
        return sum % 10 == 0
    }

    /// Estonia: eleven digits whose last is the weighted sum modulo 11 (a second set of weights
    /// when the first gives 10, and 0 when that does too).
    static func isEstonian(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 11 else { return false }
        let month = digits[3] * 10 + digits[4], day = digits[5] * 10 + digits[6]
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        func check(_ weights: [Int]) -> Int { zip(digits.prefix(10), weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 }
        var result = check([1, 2, 3, 4, 5, 6, 7, 8, 9, 1])
        if result == 10 { result = check([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) }
        if result == 10 { result = 0 }
        return result == digits[10]
    }
}

/// A span of an answer's text, counted in Unicode scalars from its start (as the REFI-QDA
/// exchange format counts), and always beginning and ending between two characters as people
/// see them (grapheme clusters), never inside one.
public struct Passage: Sendable, Equatable, Hashable, Comparable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(_ range: Range<String.Index>, in text: String) {
        start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
        end = text.unicodeScalars.distance(from: text.startIndex, to: range.upperBound)
    }

    public static func < (a: Passage, b: Passage) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// The passage as a range of the text; nil when it is empty, runs outside the text, or starts
    /// or ends inside a character.
    public func range(in text: String) -> Range<String.Index>? {
        let scalars = text.unicodeScalars
        guard start >= 0, end > start, end <= scalars.count else { return nil }
        let lower = scalars.index(scalars.startIndex, offsetBy: start)
        let upper = scalars.index(scalars.startIndex, offsetBy: end)
        // A boundary between characters is where the text's own character view has an index.
        guard lower.samePosition(in: text) != nil, upper.samePosition(in: text) != nil else { return nil }
        return lower..<upper
    }

    /// "12-30", as it is kept.
    public var stored: String { "\(start)-\(end)" }

    public init?(stored: String) {
        let parts = stored.split(separator: "-")
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
        self.init(start: start, end: end)
    }
}
