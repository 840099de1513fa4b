import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import KanssaApp
import KanssaCore
@testable import Listening
import Testing
import VaporTesting

/// A consultation's answers and codings taken out: CSV that a spreadsheet opens as meant and
/// never runs as a formula, and a REFI-QDA project that reads back to the same codes and codings.
@Suite struct ConsultationExportTests {
    @Test func csvNeutralisesFormulasAndCarriesAByteOrderMark() {
        let text = CSV.document(header: ["answer"], rows: [["=1+2"], ["+31 6"], ["-3"], ["@SUM(A1)"], ["\tx"], ["\rx"], ["said \"no\", twice"]])
        #expect(text.hasPrefix("\u{FEFF}\"answer\"\r\n"))
        #expect(text.contains("\"'=1+2\"\r\n\"'+31 6\"\r\n\"'-3\"\r\n\"'@SUM(A1)\"\r\n\"'\tx\"\r\n\"'\rx\"\r\n"))
        #expect(text.hasSuffix("\"said \"\"no\"\", twice\"\r\n"))
    }

    @Test func aStoredZipReadsBackAndItsChecksumsAreTheStandardOnes() {
        #expect(StoredZip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        let entries = [StoredZip.Entry(path: "project.qde", bytes: Array("<Project/>".utf8)), .init(path: "sources/ä.txt", bytes: Array("Hyvä".utf8))]
        let archive = StoredZip.archive(entries)
        #expect(StoredZip.entries(of: archive) == entries)
        var broken = archive
        broken[40] ^= 0xFF
        #expect(StoredZip.entries(of: broken) == nil)
    }

    @Test func hiddenPassagesLeaveAsBlocksOfTheSameLength() {
        let text = "Call 040 1234567, é\u{301}!"
        let masked = ConsultationExport.masked(text, hidden: [Passage(start: 5, end: 16)])
        #expect(masked == "Call ███████████, é\u{301}!" && masked.unicodeScalars.count == text.unicodeScalars.count)
    }

    @Test func theTeamExportsCSVAndAProjectThatReadsBackToTheSameCodings() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            // The e-mail address is hidden by a moderator; someone wrote a formula; the coordinator codes a passage too.
            let answer = try #require(try await Answer.find(fixtures.writtenAnswer, on: app.db))
            let email = try #require(answer.text.range(of: "visitor@example.org"))
            answer.hidden = Passage(email, in: answer.text).stored
            answer.moderation = .moderated
            try await answer.update(on: app.db)
            let open = try #require(try await Consultation.find(fixtures.openConsultation, on: app.db))
            open.groups = "16–29\nHas children"
            try await open.update(on: app.db)
            let respondent = Respondent(consultationID: fixtures.openConsultation, channel: .web, codeDigest: "formula", language: "fi", groups: [1],
                                        enteredByID: nil, at: world.now)
            try await respondent.create(on: app.db)
            let question = try #require(try await Question.query(on: app.db).filter(\.$consultationID == fixtures.openConsultation).first())
            let formula = Answer(respondentID: try respondent.requireID(), questionID: try question.requireID(), at: world.now)
            formula.text = "=HYPERLINK(\"http://evil.example\")"
            try await formula.create(on: app.db)
            try await Coding(answerID: fixtures.writtenAnswer, themeID: fixtures.theme, coderID: fixtures.accounts[.coordinator]!,
                             passage: Passage(start: 0, end: 12), at: world.now).create(on: app.db)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let base = "/listening/consultations/\(fixtures.openConsultation)/export"
            let answers = try await professional.get(base + "/answers.csv")
            #expect(answers.status == .ok && answers.headers.contentType?.subType == "csv")
            #expect(answers.headers.first(name: .contentDisposition) == "attachment; filename=\"consultation-answers.csv\"")
            let csv = answers.body.string
            #expect(csv.hasPrefix("\u{FEFF}") && csv.contains("Longer hours. Write to me at ███████████████████"))
            #expect(!csv.contains("visitor@example.org") && csv.contains("\"'=HYPERLINK"))
            let codes = try await professional.get(base + "/codes.csv").body.string
            #expect(codes.contains("\"Opening hours\"") && codes.contains("\"0\",\"12\",\"Longer hours\""))

            let download = try await professional.get(base + "/project.qdpx")
            #expect(download.status == .ok && download.headers.contentType == .zip)
            let files = try #require(StoredZip.entries(of: Array(download.body.readableBytesView)))
            let sources = Dictionary(files.filter { $0.path.hasPrefix("sources/") }.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) },
                                     uniquingKeysWith: { a, _ in a })
            let project = try #require(files.first { $0.path == "project.qde" })
            let xml = try XMLDocument(data: Data(project.bytes))
            let root = try #require(xml.rootElement())
            #expect(root.name == "Project" && root.uri == RefiQDA.namespace && root.attr("name") == "How was your visit?")
            // The children stand in the order the schema gives.
            let order = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description", "NoteRef"]
            let children = (root.children ?? []).compactMap(\.name)
            #expect(children == children.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
            let guid = try NSRegularExpression(pattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
            let all = root.descendants.compactMap { $0.attr("guid") }
            #expect(!all.isEmpty && all.allSatisfy { guid.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil })
            #expect(Set(all).count == all.count)
            let codesRead = try root.nodes(forXPath: "//*[local-name()='Code']").compactMap { ($0 as? XMLElement)?.attr("guid") }
            #expect(Set(codesRead) == Set(try await Codebook.themes(of: fixtures.openConsultation, on: app.db).map(\.id.uuidString)))
            let users = Set(try root.nodes(forXPath: "//*[local-name()='User']").compactMap { ($0 as? XMLElement)?.attr("guid") })

            // Read back: every coding, whole or of a passage, by its coder; positions fall inside the source's text.
            var readBack: Set<String> = []
            for case let source as XMLElement in try root.nodes(forXPath: "//*[local-name()='TextSource']") {
                let id = try #require(source.attr("guid"))
                let path = try #require(source.attr("plainTextPath"))
                #expect(path == "internal://\(id).txt")
                let text = try #require(sources["sources/\(id).txt"])
                for case let element as XMLElement in source.children ?? [] {
                    let (passage, codings): (String, [XMLElement]) = switch element.name {
                    case "PlainTextSelection":
                        ("\(element.attr("startPosition")!)-\(element.attr("endPosition")!)",
                         (element.children ?? []).compactMap { $0 as? XMLElement })
                    case "Coding": ("", [element])
                    default: ("-", [])
                    }
                    if let range = Passage(stored: passage) { #expect(range.end <= text.unicodeScalars.count) }
                    for coding in codings {
                        let user = try #require(coding.attr("creatingUser"))
                        #expect(users.contains(user))
                        let target = try #require((coding.children?.first as? XMLElement)?.attr("targetGUID"))
                        #expect(codesRead.contains(target))
                        readBack.insert("\(id.lowercased()) \(target.lowercased()) \(user.lowercased()) \(passage)")
                    }
                }
            }
            let stored = try await Coding.query(on: app.db).join(Theme.self, on: \Coding.$themeID == \Theme.$id)
                .filter(Theme.self, \.$consultationID == fixtures.openConsultation).all()
            #expect(readBack == Set(stored.map { "\($0.answerID.uuidString.lowercased()) \($0.themeID.uuidString.lowercased()) \($0.coderID.uuidString.lowercased()) \($0.passage)" }))
            #expect(readBack.count == 3 && !sources.values.contains { $0.contains("visitor@example.org") })

            // The project is valid against the standard's own schema (REFI-QDA Project.xsd, MIT licence, kept beside the tests).
            let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas/REFI-QDA-Project.xsd")
            let written = FileManager.default.temporaryDirectory.appendingPathComponent("kanssa-\(UUID().uuidString).qde")
            try Data(project.bytes).write(to: written)
            defer { try? FileManager.default.removeItem(at: written) }
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            check.arguments = ["xmllint", "--noout", "--schema", schema.path, written.path]
            let said = Pipe()
            check.standardError = said
            try check.run()
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "xmllint (libxml2-utils): \(String(decoding: said.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")

            // Respondents as cases, holding their sources, with their groups, channel and language as variables.
            let variables = try root.nodes(forXPath: "//*[local-name()='Variable']").compactMap { $0 as? XMLElement }
            #expect(variables.map { $0.attr("name") ?? "" } == ["16–29", "Has children", "Channel", "Language"])
            #expect(variables.map { $0.attr("typeOfVariable") ?? "" } == ["Boolean", "Boolean", "Text", "Text"])
            let sourceIDs = Set(try root.nodes(forXPath: "//*[local-name()='TextSource']").compactMap { ($0 as? XMLElement)?.attr("guid") })
            let cases = try root.nodes(forXPath: "//*[local-name()='Case']").compactMap { $0 as? XMLElement }
            #expect(cases.count == 2)
            #expect(Set(cases.flatMap { $0.descendants.filter { $0.name == "SourceRef" }.compactMap { $0.attr("targetGUID") } }) == sourceIDs)
            let formulaCase = try #require(cases.first { $0.descendants.contains { $0.name == "SourceRef" && $0.attr("targetGUID") == formula.id?.uuidString } })
            let values = formulaCase.descendants.filter { $0.name == "VariableValue" }.map { value in
                (value.descendants.first { $0.name == "VariableRef" }?.attr("targetGUID") ?? "",
                 value.descendants.first { $0.name != "VariableRef" }?.stringValue ?? "")
            }
            let byName = Dictionary(uniqueKeysWithValues: values.compactMap { ref, value in
                variables.first { $0.attr("guid") == ref }.map { ($0.attr("name") ?? "", value) }
            })
            #expect(byName == ["16–29": "false", "Has children": "true", "Channel": "web", "Language": "fi"])

            // Each export is in the audit log.
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .consultationExported).count() == 3)
        }
    }
}

extension XMLElement {
    /// An attribute without a namespace, read by its name (libxml2's own look-up trips over the
    /// default namespace).
    func attr(_ name: String) -> String? { attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue }

    var descendants: [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.flatMap { [$0] + $0.descendants }
    }
}
