import ArgumentParser
import FiscalModel
import FiscalShell

/// The options of every command that reads reports: `--format NAME` (skip detection) and
/// `--plugins DIR` (external format plugins), written once for `fiscal`, `check`, `handout`
/// and `import`.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliFormat), valueName: "NAME"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliPlugins), valueName: "DIR"))
    var plugins: [String] = []
}

/// `--lang LANG`: the language of messages (`en`, `zh`), checked when the command line is parsed.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(CommandLineLanguage.text(.cliLang), valueName: "LANG"))
    var lang: String?

    func validate() throws {
        if let lang, Language(name: lang) == nil {
            throw ValidationError(CommandLineLanguage.text(.cliLangInvalid, lang))
        }
    }

    /// The language asked for; `nil` to follow the environment.
    var language: Language? { lang.flatMap(Language.init(name:)) }
}
