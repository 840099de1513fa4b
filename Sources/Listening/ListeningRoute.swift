import Foundation
import KanssaCore

/// The Listening module's pages and form targets. Views build links only through this.
public enum ListeningRoute: Sendable, Equatable {
    case consultations(organisation: UUID)
    case consultation(UUID)
    case assumptions(consultation: UUID)
    case assumption(consultation: UUID, assumption: UUID)
    case removeAssumption(consultation: UUID, assumption: UUID)
    case questions(consultation: UUID)
    case question(consultation: UUID, question: UUID)
    case removeQuestion(consultation: UUID, question: UUID)
    case open(consultation: UUID)
    case close(consultation: UUID)
    case reopen(consultation: UUID)
    /// The poster with the public address and code, and what people answered (the team's).
    case poster(consultation: UUID)
    case answers(consultation: UUID)
    case enterAnswers(consultation: UUID)
    case moderation(consultation: UUID, answer: UUID)
    /// The codebook, coding an answer, and how far coders agree.
    case codebook(consultation: UUID)
    case copyCodebook(consultation: UUID)
    case coding(consultation: UUID, answer: UUID)
    case removeCoding(consultation: UUID, answer: UUID, coding: UUID)
    case agreement(consultation: UUID)
    /// Themes the machine suggests, and a person's decision about one of them.
    case suggestions(consultation: UUID)
    case suggestion(consultation: UUID, suggestion: UUID)
    case figures(consultation: UUID)
    /// The team's printable report of it.
    case report(consultation: UUID)
    /// Its answers and codes as CSV, and as a REFI-QDA project.
    case exportAnswers(consultation: UUID)
    case exportCodes(consultation: UUID)
    case exportProject(consultation: UUID)
    /// What listening led to: a verdict on each assumption, decisions and their updates.
    case verdict(consultation: UUID, assumption: UUID)
    case decisions(consultation: UUID)
    case decision(consultation: UUID, decision: UUID)
    case decisionUpdates(consultation: UUID, decision: UUID)
    /// Across an organisation's consultations: how sure staff were, and what it stopped.
    case calibration(organisation: UUID)
    case stopped(organisation: UUID)
    /// The languages it asks in, and its texts translated into one of them.
    case languages(consultation: UUID)
    case translation(consultation: UUID, language: String)
    case removeLanguage(consultation: UUID, language: String)
    /// The public side: typing a code, a consultation's welcome, a question by its number, what
    /// one has answered, one's consent to a story's use, and coming back with a private code.
    case typeCode
    case respond(ConsultationCode)
    case aboutYou(ConsultationCode)
    case answer(ConsultationCode, question: Int)
    case yourAnswers(ConsultationCode)
    case consent(ConsultationCode, question: Int)
    case comeBack(ConsultationCode)
    /// A signed-in respondent asks to be contacted about their answers, or no longer.
    case contact(ConsultationCode)
    /// "You said, we did": a consultation's public report, and an organisation's index of them.
    case publicReport(ConsultationCode)
    case publicIndex(organisation: UUID)

    public var path: String {
        switch self {
        case .consultations(let organisation): "/organisations/\(organisation)/consultations"
        case .consultation(let id): "/listening/consultations/\(id)"
        case .assumptions(let consultation): "/listening/consultations/\(consultation)/assumptions"
        case .assumption(let consultation, let assumption): "/listening/consultations/\(consultation)/assumptions/\(assumption)"
        case .removeAssumption(let consultation, let assumption): "/listening/consultations/\(consultation)/assumptions/\(assumption)/remove"
        case .questions(let consultation): "/listening/consultations/\(consultation)/questions"
        case .question(let consultation, let question): "/listening/consultations/\(consultation)/questions/\(question)"
        case .removeQuestion(let consultation, let question): "/listening/consultations/\(consultation)/questions/\(question)/remove"
        case .open(let consultation): "/listening/consultations/\(consultation)/open"
        case .close(let consultation): "/listening/consultations/\(consultation)/close"
        case .reopen(let consultation): "/listening/consultations/\(consultation)/reopen"
        case .poster(let consultation): "/listening/consultations/\(consultation)/poster"
        case .answers(let consultation): "/listening/consultations/\(consultation)/answers"
        case .enterAnswers(let consultation): "/listening/consultations/\(consultation)/answers/new"
        case .moderation(let consultation, let answer): "/listening/consultations/\(consultation)/answers/\(answer)/moderation"
        case .codebook(let consultation): "/listening/consultations/\(consultation)/codebook"
        case .copyCodebook(let consultation): "/listening/consultations/\(consultation)/codebook/copy"
        case .coding(let consultation, let answer): "/listening/consultations/\(consultation)/answers/\(answer)/coding"
        case .removeCoding(let consultation, let answer, let coding):
            "/listening/consultations/\(consultation)/answers/\(answer)/coding/\(coding)/remove"
        case .agreement(let consultation): "/listening/consultations/\(consultation)/agreement"
        case .suggestions(let consultation): "/listening/consultations/\(consultation)/suggestions"
        case .suggestion(let consultation, let suggestion): "/listening/consultations/\(consultation)/suggestions/\(suggestion)"
        case .figures(let consultation): "/listening/consultations/\(consultation)/figures"
        case .report(let consultation): "/listening/consultations/\(consultation)/report"
        case .exportAnswers(let consultation): "/listening/consultations/\(consultation)/export/answers.csv"
        case .exportCodes(let consultation): "/listening/consultations/\(consultation)/export/codes.csv"
        case .exportProject(let consultation): "/listening/consultations/\(consultation)/export/project.qdpx"
        case .verdict(let consultation, let assumption): "/listening/consultations/\(consultation)/assumptions/\(assumption)/verdict"
        case .decisions(let consultation): "/listening/consultations/\(consultation)/decisions"
        case .decision(let consultation, let decision): "/listening/consultations/\(consultation)/decisions/\(decision)"
        case .decisionUpdates(let consultation, let decision): "/listening/consultations/\(consultation)/decisions/\(decision)/updates"
        case .calibration(let organisation): "/organisations/\(organisation)/consultations/calibration"
        case .stopped(let organisation): "/organisations/\(organisation)/stopped"
        case .languages(let consultation): "/listening/consultations/\(consultation)/languages"
        case .translation(let consultation, let language): "/listening/consultations/\(consultation)/languages/\(language)"
        case .removeLanguage(let consultation, let language): "/listening/consultations/\(consultation)/languages/\(language)/remove"
        case .typeCode: "/c"
        case .respond(let code): code.path
        case .aboutYou(let code): code.path + "/about"
        case .answer(let code, let question): code.path + "/q/\(question)"
        case .yourAnswers(let code): code.path + "/answers"
        case .consent(let code, let question): code.path + "/answers/\(question)/consent"
        case .comeBack(let code): code.path + "/return"
        case .contact(let code): code.path + "/contact"
        case .publicReport(let code): code.path + "/we-did"
        case .publicIndex(let organisation): "/organisations/\(organisation)/you-said-we-did"
        }
    }

    public var url: SafeURL {
        guard let url = SafeURL(path) else { preconditionFailure("a route path is always a safe URL: \(path)") }
        return url
    }
}
