import Foundation

/// The instruments Kanssa ships, written by its own authors, read from the bundled files.
public enum Instruments {
    /// Every bundled instrument, by id. A bundled file that does not parse is a bug: it throws.
    public static func bundled() throws -> [String: Instrument] {
        var found: [String: Instrument] = [:]
        for name in ["co-creation-mindset", "encounter-reflection"] {
            let instrument = try read(name)
            found[instrument.id] = instrument
        }
        return found
    }

    /// The staff pulse (Evaluation's): kept out of ``bundled()`` so that it is never offered as a
    /// self-assessment round, whose answers are kept with the person's account.
    public static func staffPulse() throws -> Instrument {
        try read("staff-pulse")
    }

    private static func read(_ name: String) throws -> Instrument {
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Resources/instruments") else {
            throw ResourceError.missing("instruments/\(name).yaml")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        switch InstrumentFile.parse(text) {
        case .success(let instrument): return instrument
        case .failure(let problems): throw BundledInstrumentError(file: name, problems: problems.problems)
        }
    }

    public struct BundledInstrumentError: Error, CustomStringConvertible {
        public let file: String
        public let problems: [InstrumentFile.Problem]
        public var description: String { "\(file).yaml: " + problems.map(\.description).joined(separator: "; ") }
    }
}
