import Fluent
import Foundation
import KanssaCore

/// A consultation's codebook: themes the team names and describes, at most two levels deep, and
/// reusable — copied from an earlier consultation of the same organisation.
public enum Codebook {
    public static let longestName = 100
    public static let longestDescription = 1_000

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let parentID: UUID?
        public let name: String
        public let description: String
        /// "Parent › Child" for a sub-theme.
        public let path: String
    }

    /// Top-level themes in the order they were made, each followed by its own. One query.
    public static func themes(of consultationID: UUID, on database: any Database) async throws -> [Line] {
        let all = try await Theme.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).sort(\.$id).all()
        var lines: [Line] = []
        for parent in all where parent.parentID == nil {
            lines.append(Line(id: parent.id!, parentID: nil, name: parent.name, description: parent.description, path: parent.name))
            for child in all where child.parentID == parent.id {
                lines.append(Line(id: child.id!, parentID: parent.id, name: child.name, description: child.description,
                                  path: parent.name + " › " + child.name))
            }
        }
        return lines
    }

    public struct Draft: Sendable, Equatable {
        public var name = ""
        public var description = ""
        /// A top-level theme's id, or "" for a theme of its own.
        public var parent = ""

        public init(name: String = "", description: String = "", parent: String = "") {
            self.name = name
            self.description = description
            self.parent = parent
        }
    }

    public enum Problem: String, Sendable, Equatable {
        case name, description, parent
        /// The same name already stands at that level.
        case taken
    }

    public struct Checked: Sendable, Equatable {
        public let name: String
        public let description: String
        public let parentID: UUID?
    }

    public static func check(_ draft: Draft, themes: [Line]) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let name = TypedText.clean(draft.name, maxLength: longestName)
        if name == nil { problems.append(.name) }
        let description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "" : TypedText.clean(draft.description, maxLength: longestDescription, multiline: true)
        if description == nil { problems.append(.description) }
        var parentID: UUID?
        if !draft.parent.isEmpty {
            parentID = UUID(uuidString: draft.parent).flatMap { id in themes.contains { $0.id == id && $0.parentID == nil } ? id : nil }
            if parentID == nil { problems.append(.parent) }
        }
        if let name, themes.contains(where: { $0.parentID == parentID && $0.name.lowercased() == name.lowercased() }) { problems.append(.taken) }
        guard problems.isEmpty, let name, let description else { return .failure(ProblemList(problems)) }
        return .success(Checked(name: name, description: description, parentID: parentID))
    }

    public static func add(_ checked: Checked, to consultationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws {
        try await Theme(consultationID: consultationID, parentID: checked.parentID, name: checked.name, description: checked.description,
                        createdByID: accountID, at: now).create(on: database)
    }

    /// The organisation's other consultations that have a codebook, newest first. Two queries.
    public static func earlier(than consultation: Consultation, on database: any Database) async throws -> [(id: UUID, title: String)] {
        let others = try await Consultation.query(on: database).filter(\.$organisationID == consultation.organisationID)
            .filter(\.$id != consultation.requireID()).sort(\.$createdAt, .descending).all()
        guard !others.isEmpty else { return [] }
        let withThemes = Set(try await Theme.query(on: database).filter(\.$consultationID ~~ others.compactMap(\.id)).field(\.$consultationID).all()
            .map(\.consultationID))
        return others.filter { withThemes.contains($0.id!) }.map { ($0.id!, $0.title) }
    }

    /// Copies another consultation's codebook of the same organisation: its themes and their
    /// nesting, those whose name already stands at that level left out.
    public static func copy(from sourceID: UUID, to consultationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws {
        guard let target = try await Consultation.find(consultationID, on: database),
              let source = try await Consultation.find(sourceID, on: database), source.organisationID == target.organisationID, sourceID != consultationID
        else { throw ListeningError.notFound }
        let existing = try await themes(of: consultationID, on: database)
        let copied = try await themes(of: sourceID, on: database)
        try await database.transaction { database in
            var parents: [UUID: UUID] = [:]
            for (index, line) in copied.enumerated() {
                let parentID = line.parentID.flatMap { parents[$0] }
                if line.parentID != nil, parentID == nil { continue }
                if let same = existing.first(where: { $0.parentID == parentID && $0.name.lowercased() == line.name.lowercased() }) {
                    parents[line.id] = same.id
                    continue
                }
                // Made a moment apart, so that they keep their order.
                let theme = Theme(consultationID: consultationID, parentID: parentID, name: line.name, description: line.description,
                                  createdByID: accountID, at: now.addingTimeInterval(Double(index) / 1000))
                try await theme.create(on: database)
                parents[line.id] = try theme.requireID()
            }
        }
    }
}
