import Foundation
import KanssaCore
import Vapor

/// `kanssa check-instrument FILE`: reads an instrument file as an import would, and says either
/// what it holds or every problem with its line — for whoever prepares a licensed instrument.
struct CheckInstrumentCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The instrument file (YAML, format kanssa-instrument/1; see docs/instruments.md).")
        var file: String

        init() {}
    }

    var help: String { "Checks an instrument file and lists every problem with its line." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file), let text = String(data: data, encoding: .utf8) else {
            throw CheckFailed(message: "\(signature.file) cannot be read as UTF-8 text.")
        }
        switch InstrumentFile.parse(text) {
        case .success(let instrument):
            context.console.print("\(instrument.id), version \(instrument.version): \(instrument.items.count) items in "
                + "\(instrument.subscales.count) subscales, in \(instrument.languages.joined(separator: ", ")). It can be imported.")
        case .failure(let problems):
            for problem in problems.problems { context.console.print(problem.explanation) }
            throw CheckFailed(message: "\(problems.problems.count) problem(s); nothing was imported.")
        }
    }

    struct CheckFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
