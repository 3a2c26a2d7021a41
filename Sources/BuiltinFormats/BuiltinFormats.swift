import CSVFormat
import FiscalFormat
import JSONFormat
import NarrativeFormat
import TablesFormat

/// The one list of formats built into fiscal. Nothing else names a concrete format:
/// adding a built-in format is adding its target to Package.swift and a line here.
public enum BuiltinFormats {
    /// Every built-in format, in the order ties in detection are broken.
    public static var all: [any ReportFormat] {
        [
            JSONFormat(),
            CSVFormat(),
            NarrativeFormat(),
            TablesFormat(),
        ]
    }

    /// A registry of the built-in formats.
    public static var registry: FormatRegistry { FormatRegistry(all) }
}
