import FiscalFormat
import FiscalModel
import FiscalQuery

#if canImport(Glibc)
import Glibc
#endif

/// `:alias` and `:unalias`: the user's names for entities, kept in the aliases file.
enum AliasCommand {
    /// `:alias` lists the aliases; `:alias NAME = ENTITY` sets one and saves the file.
    @Sendable static func alias(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let session = context.session
        let language = session.options.language
        guard !arguments.isEmpty else {
            var table = ResultTable(columns: [.init("alias", .text), .init("entity", .text), .init("loaded as", .text)])
            for e in session.aliases.entries {
                let loaded: Value
                if case .one(let i) = session.assembly.entities.match(e.alias) {
                    loaded = .text(session.assembly.entities.entities[i].name)
                } else {
                    loaded = .null
                }
                table.append([.text(e.alias), .text(e.entity), loaded])
            }
            context.runner.show(table)
            return .done
        }
        let text = arguments.joined(separator: " ")
        guard let (name, entity) = EntityAliases.assignment(text) else {
            throw MetaCommandError(Message(.expectedAlias, text), hint: Message(.aliasListsThem))
        }
        session.aliases.set(name, to: entity)
        context.runner.console.err(Message(.aliasSet, name, entity).text(language) + "\n")
        save(context)
        return .done
    }

    /// `:unalias NAME`.
    @Sendable static func unalias(_ arguments: [String], _ context: MetaCommandContext) throws(MetaCommandError) -> MetaOutcome {
        let name = arguments.joined(separator: " ")
        guard !name.isEmpty, context.session.aliases.remove(name) else {
            throw MetaCommandError(Message(.noAliasCalled, name), hint: Message(.aliasListsThem))
        }
        context.runner.console.err(Message(.aliasRemoved, name).text(context.session.options.language) + "\n")
        save(context)
        return .done
    }

    /// Writes the session's aliases to its aliases file, saying so when it cannot.
    static func save(_ context: MetaCommandContext) {
        guard let path = context.session.aliasFile else { return }
        if let problem = AliasFile.write(context.session.aliases, to: path) {
            context.runner.console.err(Message(.notePrefix, Message(.aliasFileUnwritable, path, problem)).text(context.session.options.language) + "\n")
        }
    }

    /// The error for a typed entity name that names none or several.
    static func lookupError(_ error: EntityLookupError, names: [String]) -> MetaCommandError {
        switch error {
        case .ambiguous(let typed, let candidates):
            return MetaCommandError(Message(.entityAmbiguous, typed, candidates.joined(separator: ", ")), hint: Message(.reportsListsThem))
        case .none(let typed):
            let hint = Suggestion.nearest(typed, among: names).map { Message(.didYouMean, $0) } ?? Message(.reportsListsThem)
            return MetaCommandError(Message(.noReportCalled, typed), hint: hint)
        }
    }
}

/// The aliases file: `$XDG_CONFIG_HOME/fiscal/aliases` (default `~/.config/fiscal/aliases`),
/// one `NAME = NAME` a line (``FiscalModel/EntityAliases``).
public enum AliasFile {
    /// Where the aliases file is (whether or not it exists); `nil` without a home folder.
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/fiscal/aliases" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/fiscal/aliases" }
        return nil
    }

    /// The aliases in `path` (none when it does not exist), and its lines that are not aliases.
    public static func read(_ path: String) -> (aliases: EntityAliases, problems: [Message]) {
        guard FileSystem.exists(path), let bytes = try? FileSystem.read(path),
              let source = SourceText(bytes: bytes, path: path) else { return (EntityAliases(), []) }
        let (aliases, errors) = EntityAliases.parse(source.text)
        return (aliases, errors.map { Message(.aliasFileProblem, path, $0.line, $0.text) })
    }

    /// Writes `aliases` to `path`, making its folder; the reason when it cannot.
    public static func write(_ aliases: EntityAliases, to path: String) -> String? {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !folder.isEmpty {
            // The config folder and fiscal's folder in it (`mkdir -p` of two levels).
            let parent = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
            if !parent.isEmpty, !FileSystem.exists(parent) { mkdir(parent, 0o755) }
            if !FileSystem.exists(folder) { mkdir(folder, 0o755) }
        }
        guard let file = fopen(path, "wb") else { return String(cString: strerror(errno)).lowercased() }
        let bytes = Array(aliases.fileText.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        return written == bytes.count && closed == 0 ? nil : String(cString: strerror(errno)).lowercased()
    }
}
