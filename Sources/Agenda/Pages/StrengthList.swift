import KanssaCore
@preconcurrency import Plot

/// Strengths and assets as a description list, one term per kind.
enum StrengthList {
    static func render(_ lines: [MyPlan.StrengthLine], t: Localizer) -> Node<HTML.BodyContext> {
        guard !lines.isEmpty else { return .p(.txt(t(.strengthsNone))) }
        let kinds = StrengthKind.allCases.filter { kind in lines.contains { $0.kind == kind } }
        return .element(named: "dl", nodes: [.class("strengths")] + kinds.flatMap { kind -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", nodes: [Node<HTML.BodyContext>.txt(AgendaWords.strengthKind(kind, t))])]
                + lines.filter { $0.kind == kind }.map { .element(named: "dd", nodes: [Node<HTML.BodyContext>.txt($0.text)]) }
        })
    }
}
