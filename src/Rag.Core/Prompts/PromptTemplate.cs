using System.Reflection;

namespace Rag.Core.Prompts;

/// <summary>A versioned prompt shipped inside Rag.Core; its <see cref="Id"/> is recorded with every generated answer.</summary>
/// <param name="Name">Prompt name, e.g. <c>grounded-answer</c>.</param>
/// <param name="Version">Version; a changed wording gets a new version and a new resource file, never an edit in place.</param>
/// <param name="System">The system message.</param>
/// <param name="User">The user message, with <c>{{placeholders}}</c>.</param>
public sealed record PromptTemplate(string Name, int Version, string System, string User)
{
    /// <summary>The grounded-answer prompt: numbered, delimited sources and the question.</summary>
    public static PromptTemplate GroundedAnswer { get; } = Load("grounded-answer", 1);

    /// <summary>The prompt that turns a follow-up question into a standalone search query.</summary>
    public static PromptTemplate QueryRewrite { get; } = Load("query-rewrite", 1);

    /// <summary><c>name/vN</c>, as recorded in the audit trail.</summary>
    public string Id => $"{Name}/v{Version}";

    /// <summary>The user message with each <c>{{key}}</c> replaced (values are inserted verbatim, in one pass).</summary>
    public string FormatUser(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = User;
        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }

            result.Append(text, at, open - at);
            var key = text[(open + 2)..close];
            result.Append(values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Prompt {Id} needs a value for {{{{{key}}}}}."));
            at = close + 2;
        }

        return result.ToString();
    }

    private static PromptTemplate Load(string name, int version) =>
        new(name, version, Read($"{name}.v{version}.system.txt"), Read($"{name}.v{version}.user.txt"));

    private static string Read(string file)
    {
        var resource = "Rag.Core.Prompts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Prompt resource {resource} is missing from Rag.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd('\n');
    }
}
