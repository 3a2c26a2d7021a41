/// One record of a CSV file with the line it starts on.
struct CSVRecord {
    var line: Int
    var fields: [String]
}

/// Splits RFC 4180 CSV text into records: quoted fields may hold commas, quotes (`""`)
/// and line breaks. Returns the records, or the line of an unterminated quote.
func csvRecords(_ text: String) -> Result<[CSVRecord], CSVSyntaxError> {
    var records: [CSVRecord] = []
    var field = ""
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var quoteLine = 1
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
        if let p = pending { pending = nil; return p }
        return iterator.next()
    }
    while let c = next() {
        if inQuotes {
            if c == "\"" {
                if let n = next() {
                    if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                } else {
                    inQuotes = false
                }
            } else {
                if c == "\n" { line += 1 }
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"":
            inQuotes = true
            quoteLine = line
        case ",":
            fields.append(field)
            field = ""
        case "\n":
            fields.append(field)
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields = []
            field = ""
            line += 1
            recordLine = line
        default:
            field.unicodeScalars.append(c)
        }
    }
    if inQuotes { return .failure(CSVSyntaxError(line: quoteLine, message: "unterminated quoted field")) }
    if !field.isEmpty || !fields.isEmpty {
        fields.append(field)
        records.append(CSVRecord(line: recordLine, fields: fields))
    }
    return .success(records.filter { !($0.fields.count == 1 && $0.fields[0].trimmingSpaces.isEmpty) })
}

struct CSVSyntaxError: Error {
    var line: Int
    var message: String
}

extension String {
    var trimmingSpaces: String {
        String(unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
            .map(Character.init))
    }
}
