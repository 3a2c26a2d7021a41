import BuiltinFormats
import FiscalFormat
import FiscalModel

/// The formats a session reads with: the built-in ones, then the external plugins found in
/// `--plugins` folders, `$FISCAL_PLUGIN_PATH` and the user's plugin folder.
public enum FormatSetup {
    /// The registry, and what discovery noticed (a plugin that failed its handshake, one with
    /// an incompatible protocol version, a missing folder). A plugin that calls itself like a
    /// built-in format is refused: built-in names stay unambiguous for `--format`.
    public static func registry(pluginDirectories: [String], environment: [String: String]) -> (FormatRegistry, [Diagnostic]) {
        var registry = BuiltinFormats.registry
        var (externals, diagnostics) = PluginDiscovery.discover(extraDirectories: pluginDirectories, environment: environment)
        let builtin = Set(registry.names)
        externals.removeAll { format in
            guard builtin.contains(format.descriptor.name) else { return false }
            diagnostics.append(Diagnostic(
                .warning, code: "plugin-duplicate",
                Message(.pluginLikeBuiltin, "\(format.executable)", "\(format.descriptor.name)")))
            return true
        }
        for format in externals { registry.register(format) }
        return (registry, diagnostics)
    }

    /// A session whose registry includes the external plugins; discovery's diagnostics are
    /// written to `console` as they are messages about the user's set-up.
    public static func session(pluginDirectories: [String], environment: [String: String], options: RenderOptions,
                               console: Console) -> Session {
        let (registry, diagnostics) = registry(pluginDirectories: pluginDirectories, environment: environment)
        for d in diagnostics { console.err(TerminalText.escaped("\(d)", keepNewlines: true) + "\n") }
        return Session(registry: registry, options: options)
    }
}
