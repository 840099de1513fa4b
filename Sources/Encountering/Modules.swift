import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Training modules: written, changed and published by their panel's co-trainers only; staff
/// comment. Every lookup of a part of a module is made inside that module.
public enum Modules {
    public static let defaultLicence = "CC BY 4.0"
    public static let bodyLength = 10_000
    public static let titleLength = 120
    public static let summaryLength = 1000

    /// The module as the policy sees it. Three queries.
    public static func access(moduleID: UUID, on database: any Database) async throws -> ModuleAccess? {
        guard let module = try await TrainingModule.find(moduleID, on: database),
            let panel = try await Panel.find(module.panelID, on: database)
        else { return nil }
        return ModuleAccess(moduleID: moduleID, panel: try await Panels.access(panel, on: database), isPublished: module.publishedAt != nil)
    }

    public struct Draft: Sendable, Equatable {
        public let title: String
        public let summary: String
        public let language: String
        public let licence: String

        public init(title: String, summary: String, language: String, licence: String) {
            self.title = title
            self.summary = summary
            self.language = language
            self.licence = licence
        }
    }

    public enum DraftProblem: String, Sendable, Equatable, CaseIterable {
        case title, summary, language, licence
    }

    /// A module's title, summary (what professionals will take from it), language and licence.
    public static func check(_ fields: [String: String], languages: [String]) -> Result<Draft, ProblemList<DraftProblem>> {
        var problems: [DraftProblem] = []
        let title = TypedText.clean(fields["title"], maxLength: titleLength)
        if title == nil { problems.append(.title) }
        let summary = TypedText.clean(fields["summary"], maxLength: summaryLength, multiline: true)
        if summary == nil { problems.append(.summary) }
        let language = fields["language"].flatMap { languages.contains($0) ? $0 : nil }
        if language == nil { problems.append(.language) }
        let typedLicence = fields["licence"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let licence = typedLicence.isEmpty ? defaultLicence : TypedText.clean(typedLicence, maxLength: 200)
        if licence == nil { problems.append(.licence) }
        guard let title, let summary, let language, let licence, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Draft(title: title, summary: summary, language: language, licence: licence))
    }

    public static func create(_ draft: Draft, panel: PanelAccess, by accountID: UUID, at now: Date, on database: any Database) async throws -> UUID {
        let module = TrainingModule(organisationID: panel.organisationID, panelID: panel.panelID, title: draft.title, summary: draft.summary,
                                    language: draft.language, licence: draft.licence, createdByID: accountID, at: now)
        try await module.create(on: database)
        return try module.requireID()
    }

    public enum SaveOutcome: Sendable, Equatable {
        case saved
        /// Someone changed it meanwhile: nothing was written.
        case changedMeanwhile
    }

    /// Changes the module's own words if it is still at `expectedVersion`.
    public static func update(
        _ moduleID: UUID, with draft: Draft, expectedVersion: Int, at now: Date, on database: any Database
    ) async throws -> SaveOutcome {
        guard let sql = database as? any SQLDatabase else { return .changedMeanwhile }
        let rows = try await sql.update(TrainingModule.schema)
            .set("title", to: draft.title).set("summary", to: draft.summary).set("language", to: draft.language)
            .set("licence", to: draft.licence).set("version", to: expectedVersion + 1).set("updated_at", to: now)
            .where("id", .equal, moduleID).where("version", .equal, expectedVersion)
            .returning("id").all()
        return rows.count == 1 ? .saved : .changedMeanwhile
    }

    public enum SectionProblem: String, Sendable, Equatable, CaseIterable {
        case kind, title, body, instrument
    }

    public struct SectionDraft: Sendable, Equatable {
        public let kind: SectionKind
        public let title: String
        public let body: String
        public let instrumentID: String?

        public init(kind: SectionKind, title: String, body: String, instrumentID: String?) {
            self.kind = kind
            self.title = title
            self.body = body
            self.instrumentID = instrumentID
        }
    }

    /// A section: its kind, a title, its text (up to 10,000 characters); a reflection names one of
    /// the questionnaires the organisation can use and may have words around it.
    public static func checkSection(_ fields: [String: String], instruments: [String]) -> Result<SectionDraft, ProblemList<SectionProblem>> {
        var problems: [SectionProblem] = []
        let kind = fields["kind"].flatMap(SectionKind.init(rawValue:))
        if kind == nil { problems.append(.kind) }
        let title = TypedText.clean(fields["section-title"], maxLength: titleLength)
        if title == nil { problems.append(.title) }
        let typedBody = fields["body"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let body = typedBody.isEmpty && kind == .reflection ? "" : TypedText.clean(typedBody, maxLength: bodyLength, multiline: true)
        if body == nil { problems.append(.body) }
        var instrument: String?
        if kind == .reflection {
            instrument = fields["instrument"].flatMap { instruments.contains($0) ? $0 : nil }
            if instrument == nil { problems.append(.instrument) }
        }
        guard let kind, let title, let body, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(SectionDraft(kind: kind, title: title, body: body, instrumentID: instrument))
    }

    /// Adds a section at the end, and counts it as a change of the module.
    public static func addSection(
        _ draft: SectionDraft, to moduleID: UUID, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await database.transaction { database in
            let last = try await ModuleSection.query(on: database).filter(\.$moduleID == moduleID).sort(\.$position, .descending).first()
            try await ModuleSection(moduleID: moduleID, position: (last?.position ?? 0) + 1, kind: draft.kind, title: draft.title,
                                    body: draft.body, instrumentID: draft.instrumentID, writtenByID: accountID, at: now).create(on: database)
            try await touch(moduleID, at: now, on: database)
        }
    }

    /// This module's section; nil if it is not one of its sections.
    public static func section(_ sectionID: UUID, of moduleID: UUID, on database: any Database) async throws -> ModuleSection? {
        try await ModuleSection.query(on: database).filter(\.$id == sectionID).filter(\.$moduleID == moduleID).first()
    }

    /// A section's earlier wordings, the latest first.
    public static func versions(of sectionID: UUID, on database: any Database) async throws -> [SectionVersion] {
        try await SectionVersion.query(on: database).filter(\.$sectionID == sectionID).sort(\.$replacedAt, .descending).all()
    }

    public enum SectionSave: Sendable, Equatable {
        case saved
        /// Someone changed it meanwhile: nothing was written.
        case changedMeanwhile
        case notFound
    }

    /// Changes a section's words in place if it is still at `expectedVersion`, keeping the
    /// wording it replaces. Its kind stays; its place in the module too.
    public static func changeSection(
        _ sectionID: UUID, of moduleID: UUID, to draft: SectionDraft, expectedVersion: Int, by accountID: UUID, at now: Date,
        on database: any Database
    ) async throws -> SectionSave {
        try await database.transaction { database in
            guard let section = try await section(sectionID, of: moduleID, on: database) else { return .notFound }
            guard section.version == expectedVersion else { return .changedMeanwhile }
            guard draft.title != section.title || draft.body != section.body || draft.instrumentID != section.instrumentID else { return .saved }
            try await SectionVersion(of: section, replacedAt: now).create(on: database)
            section.title = draft.title
            section.body = draft.body
            section.instrumentID = draft.instrumentID
            section.changedAt = now
            section.changedByID = accountID
            section.version = expectedVersion + 1
            try await section.save(on: database)
            try await touch(moduleID, at: now, on: database)
            return .saved
        }
    }

    /// Removes a section of this module, and its earlier wordings; false if it is not one of its sections.
    public static func removeSection(_ sectionID: UUID, of moduleID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { database in
            guard let section = try await section(sectionID, of: moduleID, on: database) else { return false }
            try await SectionVersion.query(on: database).filter(\.$sectionID == sectionID).delete()
            try await section.delete(on: database)
            try await touch(moduleID, at: now, on: database)
            return true
        }
    }

    /// Publishes the module with the panel's credits as they are now: each co-trainer by the name
    /// they chose — as authors of an original, as adapters of an adaptation, whose inherited
    /// credits stay as they came. A module without sections is not published. False if there was
    /// nothing to publish.
    public static func publish(_ access: ModuleAccess, at now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { database in
            guard let module = try await TrainingModule.find(access.moduleID, on: database), module.publishedAt == nil,
                try await ModuleSection.query(on: database).filter(\.$moduleID == access.moduleID).count() > 0,
                let panel = try await Panel.find(access.panel.panelID, on: database),
                let organisation = try await Organisation.find(panel.organisationID, on: database)
            else { return false }
            let members = try await PanelMember.query(on: database).filter(\.$panelID == access.panel.panelID).filter(\.$leftAt == nil)
                .sort(\.$joinedAt).sort(\.$creditName).all()
            try await ModuleCredit.query(on: database).filter(\.$moduleID == access.moduleID).filter(\.$inherited == false).delete()
            let role: CreditRole = module.adaptedFromID == nil ? .author : .adapter
            for (index, member) in members.enumerated() {
                try await ModuleCredit(moduleID: access.moduleID, name: member.creditName, role: role, panelName: panel.name,
                                       organisationName: organisation.name, inherited: false, position: index).create(on: database)
            }
            module.publishedAt = now
            module.version += 1
            module.updatedAt = now
            try await module.save(on: database)
            return true
        }
    }

    /// Whether a module's licence lets others adapt it: not one that forbids derivatives
    /// ("CC BY-ND 4.0", "NoDerivatives").
    public static func permitsAdaptation(licence: String) -> Bool {
        let words = licence.uppercased().split { !$0.isLetter }
        return !words.contains("ND") && !licence.localizedCaseInsensitiveContains("NoDerivatives")
    }

    /// Adapts a published module for a panel: a draft of that panel that records where it came
    /// from, holds a copy of every section (written by whom they were written by) and keeps every
    /// credit of the original as it was. The panel then translates and changes it, and is credited
    /// as its adapters when they publish it. Nil if the module is not published or its licence
    /// forbids adapting it.
    public static func adapt(
        _ source: ModuleAccess, into panel: PanelAccess, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> UUID? {
        try await database.transaction { database in
            guard let original = try await TrainingModule.find(source.moduleID, on: database), original.publishedAt != nil,
                permitsAdaptation(licence: original.licence)
            else { return nil }
            let copy = TrainingModule(organisationID: panel.organisationID, panelID: panel.panelID, title: original.title,
                                      summary: original.summary, language: original.language, licence: original.licence,
                                      createdByID: accountID, at: now)
            copy.adaptedFromID = source.moduleID
            try await copy.create(on: database)
            let copyID = try copy.requireID()
            for section in try await ModuleSection.query(on: database).filter(\.$moduleID == source.moduleID).sort(\.$position).all() {
                guard let kind = SectionKind(rawValue: section.kind) else { continue }
                try await ModuleSection(moduleID: copyID, position: section.position, kind: kind, title: section.title, body: section.body,
                                        instrumentID: section.instrumentID, writtenByID: section.writtenByID, at: now).create(on: database)
            }
            let credits = try await ModuleCredit.query(on: database).filter(\.$moduleID == source.moduleID).sort(\.$inherited, .descending)
                .sort(\.$position).all()
            for (index, credit) in credits.enumerated() {
                try await ModuleCredit(moduleID: copyID, name: credit.name, role: CreditRole(rawValue: credit.role) ?? .author,
                                       panelName: credit.panelName, organisationName: credit.organisationName, inherited: true,
                                       position: index).create(on: database)
            }
            return copyID
        }
    }

    static func touch(_ moduleID: UUID, at now: Date, on database: any Database) async throws {
        guard let module = try await TrainingModule.find(moduleID, on: database) else { return }
        module.version += 1
        module.updatedAt = now
        try await module.save(on: database)
    }
}
