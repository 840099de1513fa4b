import Foundation
import KanssaCore

/// A REFI-QDA project (QDA-XML 1.0): the codebook as codes, each written answer as a text source
/// in `sources/`, each coding as a coding by its coder — of the whole source, or of a selection
/// whose positions count Unicode scalars from 0, end not included, as Kanssa keeps them.
public enum RefiQDA {
    public static let namespace = "urn:QDA-XML:project:1.0"

    public static func project(_ data: ConsultationExport.Data, exportedAt now: Date) -> [UInt8] {
        let written = data.answers.filter { !$0.text.isEmpty }
        let positions = Dictionary(data.questions.map { ($0.id, $0.position) }, uniquingKeysWith: { a, _ in a })
        var xml = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
        xml += #"<Project xmlns="\#(namespace)" name="\#(escape(data.consultation.title))" origin="Kanssa" "#
            + #"creationDateTime="\#(ConsultationExport.stamp(now))">"# + "\n"
        let coders = Set(data.codings.map(\.coderID)).sorted { $0.uuidString < $1.uuidString }
        if !coders.isEmpty {
            xml += "<Users>\n" + coders.map { #"<User guid="\#($0.uuidString)" name="\#(escape(data.names[$0] ?? "–"))"/>"# + "\n" }.joined()
                + "</Users>\n"
        }
        if !data.themes.isEmpty {
            xml += "<CodeBook><Codes>\n"
            for theme in data.themes where theme.parentID == nil {
                xml += code(theme, open: true)
                for child in data.themes where child.parentID == theme.id { xml += code(child, open: false) + "</Code>\n" }
                xml += "</Code>\n"
            }
            xml += "</Codes></CodeBook>\n"
        }
        xml += casesAndVariables(data, written: written)
        if !written.isEmpty {
            xml += "<Sources>\n"
            for answer in written {
                let id = answer.id!
                let name = "R\(data.number(of: answer.respondentID)) Q\(positions[answer.questionID] ?? 0)"
                xml += #"<TextSource guid="\#(id.uuidString)" name="\#(name)" plainTextPath="internal://\#(id.uuidString).txt">"# + "\n"
                let codings = data.codings.filter { $0.answerID == id }
                let passages = Dictionary(grouping: codings.filter { !$0.passage.isEmpty }, by: \.passage)
                for (stored, group) in passages.sorted(by: { (Passage(stored: $0.key) ?? .init(start: 0, end: 0)) < (Passage(stored: $1.key) ?? .init(start: 0, end: 0)) }) {
                    guard let passage = Passage(stored: stored), let first = group.first?.id else { continue }
                    // The selection's id is its first coding's turned around, so that it is stable and distinct.
                    xml += #"<PlainTextSelection guid="\#(selectionID(first).uuidString)" startPosition="\#(passage.start)" endPosition="\#(passage.end)">"#
                        + "\n" + group.map(coding).joined() + "</PlainTextSelection>\n"
                }
                xml += codings.filter { $0.passage.isEmpty }.map(coding).joined()
                xml += "</TextSource>\n"
            }
            xml += "</Sources>\n"
        }
        xml += "<Description>\(escape(description(data)))</Description>\n</Project>\n"
        let sources = written.map {
            StoredZip.Entry(path: "sources/\($0.id!.uuidString).txt", bytes: Array(ConsultationExport.text(of: $0).utf8))
        }
        return StoredZip.archive([StoredZip.Entry(path: "project.qde", bytes: Array(xml.utf8))] + sources)
    }

    /// Each respondent who wrote something as a case holding their text sources, with what is
    /// known of them as variables: a yes/no variable per respondent group of the consultation,
    /// the channel they answered by and the language they answered in.
    static func casesAndVariables(_ data: ConsultationExport.Data, written: [Answer]) -> String {
        let base = data.consultation.id
        let groups = data.consultation.groups.enumerated().map { (id: derivedID(base, kind: 1, index: $0.offset), name: $0.element) }
        let channel = derivedID(base, kind: 2, index: 0), language = derivedID(base, kind: 2, index: 1)
        var xml = "<Variables>\n"
        for group in groups {
            xml += #"<Variable guid="\#(group.id.uuidString)" name="\#(escape(group.name))" typeOfVariable="Boolean">"#
                + "<Description>Respondent group: the respondent said they belong to it.</Description></Variable>\n"
        }
        xml += #"<Variable guid="\#(channel.uuidString)" name="Channel" typeOfVariable="Text">"#
            + "<Description>How the answers came in: web, interview, workshop or paper.</Description></Variable>\n"
        xml += #"<Variable guid="\#(language.uuidString)" name="Language" typeOfVariable="Text">"#
            + "<Description>The language the respondent answered in.</Description></Variable>\n"
        xml += "</Variables>\n"
        let sources = Dictionary(grouping: written, by: \.respondentID)
        let cases = data.respondents.filter { sources[$0.id!] != nil }
        guard !cases.isEmpty else { return xml }
        xml += "<Cases>\n"
        for respondent in cases {
            let id = respondent.id!
            let member = Set(respondent.groupList)
            xml += #"<Case guid="\#(derivedID(id, kind: 3, index: 0).uuidString)" name="R\#(data.number(of: id))">"# + "\n"
            for (index, group) in groups.enumerated() {
                xml += #"<VariableValue><VariableRef targetGUID="\#(group.id.uuidString)"/><BooleanValue>\#(member.contains(index))</BooleanValue></VariableValue>"#
                    + "\n"
            }
            xml += #"<VariableValue><VariableRef targetGUID="\#(channel.uuidString)"/><TextValue>\#(respondent.channel.rawValue)</TextValue></VariableValue>"#
                + "\n"
            xml += #"<VariableValue><VariableRef targetGUID="\#(language.uuidString)"/><TextValue>\#(escape(respondent.language))</TextValue></VariableValue>"#
                + "\n"
            xml += (sources[id] ?? []).map { #"<SourceRef targetGUID="\#($0.id!.uuidString)"/>"# + "\n" }.joined()
            xml += "</Case>\n"
        }
        return xml + "</Cases>\n"
    }

    /// An id made from another, so that the same project exported twice has the same ids: the
    /// base's bytes with a kind and an index mixed into them, marked as a random (version 4) UUID.
    static func derivedID(_ base: UUID, kind: UInt8, index: Int) -> UUID {
        var bytes = base.uuid
        bytes.0 ^= kind
        bytes.1 ^= UInt8(truncatingIfNeeded: index)
        bytes.2 ^= UInt8(truncatingIfNeeded: index >> 8)
        bytes.3 ^= 0x5A
        bytes.6 = 0x40 | (bytes.6 & 0x0F)
        bytes.8 = 0x80 | (bytes.8 & 0x3F)
        return UUID(uuid: bytes)
    }

    static func code(_ theme: Codebook.Line, open: Bool) -> String {
        #"<Code guid="\#(theme.id.uuidString)" name="\#(escape(theme.name))" isCodable="true">"#
            + (theme.description.isEmpty ? "" : "<Description>\(escape(theme.description))</Description>") + "\n"
    }

    static func coding(_ coding: Coding) -> String {
        #"<Coding guid="\#(coding.id!.uuidString)" creatingUser="\#(coding.coderID.uuidString)" creationDateTime="\#(ConsultationExport.stamp(coding.createdAt))">"#
            + #"<CodeRef targetGUID="\#(coding.themeID.uuidString)"/></Coding>"# + "\n"
    }

    static func selectionID(_ codingID: UUID) -> UUID {
        let bytes = codingID.uuid
        return UUID(uuid: (bytes.15, bytes.14, bytes.13, bytes.12, bytes.11, bytes.10, bytes.9, 0x40 | (bytes.8 & 0x0F),
                           0x80 | (bytes.7 & 0x3F), bytes.6, bytes.5, bytes.4, bytes.3, bytes.2, bytes.1, bytes.0))
    }

    static func description(_ data: ConsultationExport.Data) -> String {
        "Exported from Kanssa. " + data.consultation.purpose + "\n\nEach text source is one written answer, named R (respondent, "
            + "numbered in the order they first answered) and Q (question number). Selection positions count Unicode scalars "
            + "(code points) of the source's plain text from 0, the end not included; text a moderator hid is replaced by "
            + "\(ConsultationExport.hiddenMark) for each character, so positions stay true."
    }

    /// Text for XML: markup characters escaped, and characters XML 1.0 cannot hold left out.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, !(0xFFFE...0xFFFF).contains(scalar.value) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
