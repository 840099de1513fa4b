import Foundation
@preconcurrency import Plot

/// A questionnaire on a form: one question per item, as radio buttons labelled in the reader's
/// language, and the answers read back from the `item-<id>` fields — wherever a questionnaire is
/// answered (a self-assessment round, a training's self-reflection).
public enum InstrumentForm {
    public enum AnswerProblem: Sendable, Equatable {
        /// Not one of the item's answers.
        case outOfScale(item: String)
        /// Left unanswered when every item is asked for.
        case missing(item: String)
    }

    /// The answers a form holds (`item-<id>` fields); empty ones are left out. With `complete`,
    /// every item must be answered.
    public static func read(
        _ fields: [String: String], instrument: Instrument, complete: Bool
    ) -> Result<[String: Int], ProblemList<AnswerProblem>> {
        var answers: [String: Int] = [:]
        var problems: [AnswerProblem] = []
        for item in instrument.items {
            guard let typed = fields["item-\(item.id)"], !typed.isEmpty else { continue }
            guard let value = Int(typed), let scale = instrument.scale(of: item), (1...scale.points).contains(value) else {
                problems.append(.outOfScale(item: item.id))
                continue
            }
            answers[item.id] = value
        }
        if complete, problems.isEmpty {
            problems = instrument.items.filter { answers[$0.id] == nil }.map { .missing(item: $0.id) }
        }
        return problems.isEmpty ? .success(answers) : .failure(ProblemList(problems))
    }

    /// The field names of every item, for reading a submitted form.
    public static func fieldNames(_ instrument: Instrument) -> [String] {
        instrument.items.map { "item-\($0.id)" }
    }

    /// One item as a question: its number and text, an easier wording as a hint, and the scale's
    /// answers in the reader's language.
    public static func question(
        _ item: Instrument.Item, number: Int, of instrument: Instrument, language: String, selected: Int?, error: String?, _ t: Localizer
    ) -> Node<HTML.FormContext> {
        let scale = instrument.scale(of: item)
        let labels = scale.map { $0.labels[language] ?? $0.labels[instrument.languages[0]] ?? [] } ?? []
        return Components.radios(
            name: "item-\(item.id)",
            legend: t(.answeringQuestion, ["number": t.number(number), "text": instrument.text(item.text, in: language)]),
            hint: item.easyRead.map { t(.answeringEasyRead, ["text": instrument.text($0, in: language)]) },
            options: labels.enumerated().map { point, label in
                .init(value: String(point + 1), label: label, isSelected: selected == point + 1)
            },
            error: error)
    }
}
