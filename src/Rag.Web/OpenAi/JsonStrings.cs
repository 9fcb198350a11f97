using System.Globalization;
using System.Text.Json;

namespace Rag.Web.OpenAi;

/// <summary>
/// Finds a string that parses as JSON but is not text: a lone surrogate escape (<c>"\ud800"</c>) or bytes that are not
/// UTF-8. The parser accepts both and only reading the string fails, so the whole document is checked once, before any
/// of it is used, and such a request is malformed JSON (400) rather than a crash (500).
/// </summary>
internal static class JsonStrings
{
    /// <summary>The JSON path of the first property name or string value that is not valid Unicode text, or null.</summary>
    public static string? FindInvalid(JsonElement element) => FindInvalid(element, "$");

    private static string? FindInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!IsText(() => name = property.Name))
                    {
                        return path + ".<property name>";
                    }

                    if (FindInvalid(property.Value, path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
