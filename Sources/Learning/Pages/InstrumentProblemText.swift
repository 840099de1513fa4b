import KanssaCore

/// A problem with an instrument file, in the reader's language, with its line.
public enum InstrumentProblemText {
    public static func describe(_ problem: InstrumentFile.Problem, _ t: Localizer) -> String {
        let what = describe(problem.kind, t)
        return problem.line.map { t(.instrumentProblemAtLine, ["line": t.number($0), "problem": what]) } ?? what
    }

    static func describe(_ kind: InstrumentFile.Problem.Kind, _ t: Localizer) -> String {
        switch kind {
        case .notYAML: t(.instrumentProblemNotYAML)
        case .empty: t(.instrumentProblemEmpty)
        case .wrongShape(let key, let expected): t(.instrumentProblemWrongShape, ["key": key, "expected": t(shape(expected))])
        case .missing(let key): t(.instrumentProblemMissing, ["key": key])
        case .unknownKey(let key): t(.instrumentProblemUnknownKey, ["key": key])
        case .wrongFormat(let format): t(.instrumentProblemWrongFormat, ["format": format, "expected": InstrumentFile.format])
        case .badID(let id): t(.instrumentProblemBadID, ["id": id])
        case .badVersion: t(.instrumentProblemBadVersion)
        case .badLanguage(let code): t(.instrumentProblemBadLanguage, ["code": code])
        case .missingLanguage(let key, let language): t(.instrumentProblemMissingLanguage, ["key": key, "language": language])
        case .badPoints(let scale): t(.instrumentProblemBadPoints, ["scale": scale])
        case .labelCount(let scale, let language, let expected):
            t(.instrumentProblemLabelCount, ["scale": scale, "language": language, "expected": t.number(expected)])
        case .badScoring(let scoring): t(.instrumentProblemBadScoring, ["scoring": scoring])
        case .badMinimum(let subscale, let items): t(.instrumentProblemBadMinimum, ["subscale": subscale, "items": t.number(items)])
        case .duplicateID(let id): t(.instrumentProblemDuplicateID, ["id": id])
        case .unknownSubscale(let item, let subscale): t(.instrumentProblemUnknownSubscale, ["item": item, "subscale": subscale])
        case .unknownScale(let item, let scale): t(.instrumentProblemUnknownScale, ["item": item, "scale": scale])
        case .emptySubscale(let subscale): t(.instrumentProblemEmptySubscale, ["subscale": subscale])
        case .tooManyItems: t(.instrumentProblemTooManyItems, ["most": t.number(InstrumentFile.mostItems)])
        }
    }

    static func shape(_ shape: InstrumentFile.Problem.Shape) -> MessageKey {
        switch shape {
        case .mapping: .instrumentShapeMapping
        case .list: .instrumentShapeList
        case .text: .instrumentShapeText
        case .number: .instrumentShapeNumber
        case .yesNo: .instrumentShapeYesNo
        }
    }
}
