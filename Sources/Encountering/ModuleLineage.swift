import Fluent
import Foundation
import KanssaCore

/// Where a module came from and where it went: the chain of modules it was adapted from, back to
/// the original, and the published adaptations made from it — and from those — in any
/// organisation. Drafts of adaptations stay with their panels and are not part of it.
public struct ModuleLineage: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let organisation: String
        public let language: String
        /// Steps away from the module: 1 for what it was adapted from or what was adapted from it.
        public let depth: Int
        /// For an adaptation made from it: the module it was made from.
        public let adaptedFromID: UUID?

        public init(id: UUID, title: String, organisation: String, language: String, depth: Int, adaptedFromID: UUID?) {
            self.id = id
            self.title = title
            self.organisation = organisation
            self.language = language
            self.depth = depth
            self.adaptedFromID = adaptedFromID
        }
    }

    /// Nearest first, the original last.
    public let ancestors: [Entry]
    /// Published adaptations, each followed by the adaptations made from it (depth first).
    public let descendants: [Entry]

    /// Every organisation the module has reached: its own, and those of its published adaptations.
    public let organisationCount: Int

    public init(ancestors: [Entry], descendants: [Entry], organisationCount: Int) {
        self.ancestors = ancestors
        self.descendants = descendants
        self.organisationCount = organisationCount
    }

    /// No chain is longer than this; a longer one is cut (it cannot be made by adapting, which
    /// only ever adds a new module at the end).
    static let maximumDepth = 50

    /// One query per step back and one per generation of adaptations, plus organisation names.
    public static func load(moduleID: UUID, on database: any Database) async throws -> ModuleLineage {
        guard let module = try await TrainingModule.find(moduleID, on: database) else {
            return ModuleLineage(ancestors: [], descendants: [], organisationCount: 0)
        }
        var ancestors: [TrainingModule] = []
        var next = module.adaptedFromID
        while let id = next, ancestors.count < maximumDepth, let parent = try await TrainingModule.find(id, on: database) {
            ancestors.append(parent)
            next = parent.adaptedFromID
        }
        var generations: [[TrainingModule]] = []
        var frontier = [moduleID]
        while !frontier.isEmpty, generations.count < maximumDepth {
            let children = try await TrainingModule.query(on: database).filter(\.$adaptedFromID ~~ frontier).filter(\.$publishedAt != nil)
                .sort(\.$publishedAt).all()
            guard !children.isEmpty else { break }
            generations.append(children)
            frontier = children.compactMap(\.id)
        }
        let all = ancestors + generations.flatMap { $0 }
        let names = try await Organisation.query(on: database).filter(\.$id ~~ Set(all.map(\.organisationID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        func entry(_ module: TrainingModule, depth: Int) -> Entry {
            Entry(id: module.id!, title: module.title, organisation: names[module.organisationID] ?? "", language: module.language,
                  depth: depth, adaptedFromID: module.adaptedFromID)
        }
        // Depth first, so that each adaptation is followed by what was made from it.
        var descendants: [Entry] = []
        func visit(_ parent: UUID, depth: Int) {
            guard depth <= generations.count else { return }
            for child in generations[depth - 1] where child.adaptedFromID == parent {
                descendants.append(entry(child, depth: depth))
                visit(child.id!, depth: depth + 1)
            }
        }
        visit(moduleID, depth: 1)
        let reached = Set([module.organisationID] + generations.flatMap { $0 }.map(\.organisationID))
        return ModuleLineage(
            ancestors: ancestors.enumerated().map { entry($1, depth: $0 + 1) }, descendants: descendants, organisationCount: reached.count)
    }
}
