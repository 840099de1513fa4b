import Vapor

extension Request {
    /// The named text fields of a submitted form, each cut to `limit` characters — a form larger
    /// than that is not what the page sent — and without fields it did not name. A form that
    /// cannot be read has no fields.
    func formFields(_ names: [String], limit: Int) -> [String: String] {
        // One decoding for a form of single values; a form that also holds lists ("members[]")
        // does not decode as one dictionary, so its fields are read one by one.
        if let all = try? content.decode([String: String].self) {
            return names.reduce(into: [String: String]()) { fields, name in
                if let value = all[name] { fields[name] = String(value.prefix(limit)) }
            }
        }
        return names.reduce(into: [String: String]()) { fields, name in
            if let value = try? content.get(String.self, at: name) { fields[name] = String(value.prefix(limit)) }
        }
    }
}
