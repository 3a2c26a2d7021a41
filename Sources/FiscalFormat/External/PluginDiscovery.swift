import FiscalModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds external format plugins: executables named `fiscal-format-<name>`.
///
/// Folders are searched in this order, and the first plugin of a given name wins:
/// 1. the folders given with `--plugins DIR` (`extraDirectories`),
/// 2. the colon-separated folders of `$FISCAL_PLUGIN_PATH`,
/// 3. `$XDG_DATA_HOME/fiscal/plugins`, or `~/.local/share/fiscal/plugins` when
///    `XDG_DATA_HOME` is unset.
///
/// Every plugin found is started once to shake hands (``ExternalFormat/init(executable:limits:)``);
/// one that fails, or speaks another protocol version, is left out and reported as an
/// error ``Diagnostic`` naming it, never silently.
public enum PluginDiscovery {
    /// The folders searched, in order, for the given extra folders and environment.
    public static func searchDirectories(extraDirectories: [String], environment: [String: String]) -> [String] {
        var dirs = extraDirectories
        if let path = environment["FISCAL_PLUGIN_PATH"] {
            dirs += path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        // Relative XDG_DATA_HOME or HOME are ignored (as the XDG spec says): they would run
        // plugins from under whatever folder fiscal was started in.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dirs.append(xdg + "/fiscal/plugins")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            dirs.append(home + "/.local/share/fiscal/plugins")
        }
        return dirs
    }

    /// The plugin executables in the search folders (first of each name), without starting them.
    public static func executables(extraDirectories: [String], environment: [String: String]) -> [String] {
        var seen = Set<String>()
        var found: [String] = []
        for dir in searchDirectories(extraDirectories: extraDirectories, environment: environment) {
            guard FileSystem.isDirectory(dir), let files = try? FileSystem.listFiles(dir) else { continue }
            for file in files {
                let name = file.split(separator: "/").last.map(String.init) ?? file
                guard name.hasPrefix(PluginProtocol.executablePrefix), access(file, X_OK) == 0 else { continue }
                if seen.insert(name).inserted { found.append(file) }
            }
        }
        return found
    }

    /// Discovers and shakes hands with every plugin; returns the usable formats and a
    /// diagnostic for each plugin that could not be used (or shadows another).
    ///
    /// - Parameters:
    ///   - extraDirectories: folders given with `--plugins DIR`, searched first.
    ///   - environment: the process environment (`FISCAL_PLUGIN_PATH`, `XDG_DATA_HOME`, `HOME`).
    ///   - limits: time limits for the plugins' requests.
    public static func discover(
        extraDirectories: [String] = [], environment: [String: String], limits: PluginTimeLimits = .standard
    ) -> ([ExternalFormat], [Diagnostic]) {
        var formats: [ExternalFormat] = []
        var diagnostics: [Diagnostic] = []
        for dir in extraDirectories where !FileSystem.isDirectory(dir) {
            diagnostics.append(Diagnostic(.warning, code: "plugin-folder-missing", Message(.pluginFolderMissing, "\(dir)")))
        }
        for executable in executables(extraDirectories: extraDirectories, environment: environment) {
            do {
                let format = try ExternalFormat(executable: executable, limits: limits)
                if let earlier = formats.first(where: { $0.hello.name == format.hello.name }) {
                    diagnostics.append(Diagnostic(
                        .warning, code: "plugin-duplicate",
                        Message(.pluginDuplicate, "\(executable)", "\(format.hello.name)", "\(earlier.executable)")))
                    continue
                }
                formats.append(format)
            } catch {
                let code = error.message.contains("protocol version") ? "plugin-incompatible" : "plugin-failed"
                diagnostics.append(Diagnostic(.error, code: code, error.description))
            }
        }
        return (formats, diagnostics)
    }
}
