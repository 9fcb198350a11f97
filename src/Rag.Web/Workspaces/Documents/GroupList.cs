namespace Rag.Web.Workspaces.Documents;

/// <summary>Reader groups as an admin types them: separated by commas or semicolons, blanks dropped (the services check each name).</summary>
internal static class GroupList
{
    public static IReadOnlyList<string> Parse(string? text) =>
        text is null ? [] : text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Format(IEnumerable<string> groups) => string.Join(", ", groups);
}
