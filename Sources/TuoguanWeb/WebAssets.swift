import Mustache

/// The templates and the style sheet, built into the executable (`scripts/bundle-web` writes
/// `WebAssets+Files.swift` from `Templates/` and `Static/`).
///
/// ```swift
/// let library = try WebTemplates.library()
/// library.render(["zh": true], withTemplate: "login")
/// ```
enum WebAssets {}

enum WebTemplates {
    /// Every template, parsed once (HTML-escaped by `{{…}}`, raw only by `{{{body}}}` in the layout).
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in WebAssets.templates { try library.register(text, named: name) }
        return library
    }
}
