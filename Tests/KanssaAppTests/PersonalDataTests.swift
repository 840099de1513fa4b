import Foundation
import Listening
import Testing

/// What the moderator is offered to hide: addresses, phone numbers and identity numbers whose
/// check digits hold — and not dates, sums or order numbers that only look like them.
@Suite struct PersonalDataTests {
    func kinds(_ text: String) -> [PersonalData.Kind] { PersonalData.find(in: text).map(\.kind) }

    @Test func identityNumbersAreFoundOnlyWithTheirCheckDigitRight() {
        #expect(kinds("Minun hetu on 131052-308T.") == [.finnishIdentity])
        #expect(kinds("Minun hetu on 131052-308U.").isEmpty)
        #expect(kinds("Born 010101A123N, the new century sign") == [.finnishIdentity])
        #expect(kinds("Mijn BSN is 111222333") == [.dutchIdentity])
        #expect(kinds("Mijn BSN is 1112.22.333") == [.dutchIdentity])
        #expect(kinds("Ordernummer 111222334").isEmpty)
        #expect(kinds("DNI 12345678Z y NIE X1234567L") == [.spanishIdentity, .spanishIdentity])
        #expect(kinds("DNI 12345678A").isEmpty)
        #expect(kinds("Personnummer 811218-9876, eller 19811218-9876") == [.swedishIdentity, .swedishIdentity])
        #expect(kinds("Personnummer 811218-9875").isEmpty)
        #expect(kinds("Isikukood 37605030299") == [.estonianIdentity])
        #expect(kinds("Isikukood 37605030298").isEmpty)
        // Inside a longer run of letters or digits it is not a number on its own.
        #expect(kinds("ref A131052-308T9").isEmpty)
    }

    @Test func addressesAndPhoneNumbersButNotDatesOrSums() {
        #expect(kinds("write to aino.virtanen@example.fi please") == [.email])
        #expect(kinds("call +358 40 123 4567 or 040-1234567") == [.phone, .phone])
        #expect(kinds("bel (020) 123 45 67") == [.phone])
        #expect(kinds("llámame al 612 345 678") == [.phone])
        #expect(kinds("on 2026-06-01 I paid 1 250,00 euros, room 0123").isEmpty)
    }

    @Test func passagesAreCountedInUnicodeScalarsAndLandBetweenCharacters() throws {
        // "👩‍👧" is one character of three scalars; "é" written as e + a combining accent is one of two.
        let text = "👩‍👧 Café\u{301} mail: a@b.fi"
        let found = try #require(PersonalData.find(in: text).first)
        #expect(found.text == "a@b.fi")
        #expect(found.passage == Passage(start: text.unicodeScalars.count - 6, end: text.unicodeScalars.count))
        #expect(found.passage.range(in: text).map { String(text[$0]) } == "a@b.fi")
        // Starting inside the family emoji, or outside the text, is no passage.
        #expect(Passage(start: 1, end: 4).range(in: text) == nil)
        #expect(Passage(start: 0, end: 3).range(in: text).map { String(text[$0]) } == "👩‍👧")
        #expect(Passage(start: 0, end: 1000).range(in: text) == nil)
        #expect(Passage(start: 5, end: 5).range(in: text) == nil)
    }
}
