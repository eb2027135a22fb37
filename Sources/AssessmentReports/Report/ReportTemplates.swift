import AssessmentKit
import Foundation
import Mustache

/// The Mustache templates reports are rendered with: the defaults shipped in this module's
/// resources, each replaceable by a file of the same name in a folder (`--template DIR`), so a
/// team can restyle or translate a report without rebuilding the toolkit.
///
/// Templates are `NAME.mustache` files; `html` and `markdown` are the entry points and the
/// others are partials (`{{> html-summary}}`). Every `{{value}}` is escaped for its format —
/// HTML for `html*` templates, Markdown (``MarkdownText``) for `markdown*` ones — without the
/// template asking; only the triple `{{{value}}}` form, which no default template uses, is not.
public struct ReportTemplates: Sendable {
  public enum Format: String, Sendable, CaseIterable {
    case html, markdown
  }

  /// Template names → text, defaults first, overrides on top.
  public private(set) var sources: [String: String]
  /// Names taken from the override folder, for messages.
  public private(set) var overridden: [String]
  private var library: MustacheLibrary

  /// The default templates, read from this module's resources.
  public static func defaults() throws -> ReportTemplates {
    guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      throw Diagnostic.error(
        .fileUnreadable, "the default report templates are missing from the toolkit's resources",
        hint: "reinstall the toolkit, or pass --template with a folder of templates", at: .start(of: "Templates"))
    }
    return try ReportTemplates(sources: read(folder.path), overriddenBy: [:])
  }

  /// The defaults with every `NAME.mustache` file in `folder` replacing (or adding) the template `NAME`.
  public static func defaults(overriddenBy folder: String) throws -> ReportTemplates {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw Diagnostic.error(
        .fileUnreadable, "no such template folder",
        hint: "pass a folder holding NAME.mustache files, such as a copy of the defaults (see Docs/reports.md)",
        at: .start(of: folder))
    }
    let overrides = try read(folder)
    if overrides.isEmpty {
      throw Diagnostic.error(
        .fileUnreadable, "the template folder holds no .mustache files",
        hint: "name files after the templates they replace, such as html-style.mustache", at: .start(of: folder))
    }
    guard let defaults = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
      return try ReportTemplates(sources: overrides, overriddenBy: overrides, folder: folder)
    }
    return try ReportTemplates(sources: read(defaults.path), overriddenBy: overrides, folder: folder)
  }

  init(sources defaults: [String: String], overriddenBy overrides: [String: String], folder: String? = nil) throws {
    MustacheContentTypes.register(MarkdownText.ContentType(), named: MarkdownText.contentTypeName)
    sources = defaults.merging(overrides) { _, override in override }
    overridden = overrides.keys.sorted()
    library = MustacheLibrary()
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      let file = overrides[name] != nil ? (folder.map { FileDiscovery.join($0, name + ".mustache") } ?? name) : "Templates/\(name).mustache"
      // The content type comes first, so escaping is on without the template having to ask for it.
      let contentType = name.hasPrefix("markdown") ? MarkdownText.contentTypeName : "HTML"
      do {
        library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentType) }}" + text), named: name)
      } catch let error as MustacheTemplate.ParserError {
        // The pragma adds no line, and adds columns only to the first.
        let prefix = "{{% CONTENT_TYPE: \(contentType) }}".count
        let column = error.context.lineNumber == 1 ? max(1, error.context.columnNumber - prefix) : error.context.columnNumber
        throw Diagnostic.error(
          .templateSyntax, "this template is not valid Mustache (\(Self.explain(error.error)))",
          hint: "close every {{#section}} with {{/section}} of the same name, and every tag with }}",
          at: SourceLocation(file: file, line: error.context.lineNumber, column: column))
      }
    }
  }

  public func render(_ context: ReportContext, as format: Format) -> String {
    library.render(context, withTemplate: format.rawValue) ?? ""
  }

  /// `NAME.mustache` files directly in a folder, by name.
  static func read(_ folder: String) throws -> [String: String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var sources: [String: String] = [:]
    for name in names.sorted() where name.hasSuffix(".mustache") {
      let path = FileDiscovery.join(folder, name)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw Diagnostic.error(.fileUnreadable, "cannot read this template", hint: "check the file's permissions", at: .start(of: path))
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw Diagnostic.error(.fileEncoding, "this template is not UTF-8 text", hint: "save it as UTF-8", at: .start(of: path))
      }
      sources[String(name.dropLast(".mustache".count))] = text
    }
    return sources
  }

  private static func explain(_ error: any Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return String(describing: error) }
    switch error {
    case .sectionCloseNameIncorrect: return "a closing tag names a different section than the one open"
    case .unfinishedName: return "a tag is not closed"
    case .expectedSectionEnd: return "a section is opened but never closed"
    default: return String(describing: error)
    }
  }
}
