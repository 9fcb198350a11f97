using System.Text.Json;

namespace Rag.Evaluation.Qa;

/// <summary>
/// Reads and validates a question file: JSON Lines, one object per line,
/// <c>{"question": "...", "expectedDocuments": [...], "expectedAnswerContains": "..." | [...], "expectNoAnswer": true, "id": "...", "comment": "..."}</c>.
/// The whole file is validated before anything is asked, and every problem is reported with its line number.
/// Unknown fields are errors: a misspelt expectation would otherwise silently score nothing.
/// </summary>
public static class QaCaseFile
{
    /// <summary>The field names a line may have.</summary>
    public static IReadOnlyList<string> KnownFields { get; } =
        ["question", "expectedDocuments", "expectedAnswerContains", "expectNoAnswer", "id", "comment", "conversation", "topicChange"];

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="QaFormatException">The file is empty or some line is malformed.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static async Task<QaCaseSet> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Question file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return await ReadAsync(reader, path, cancellationToken);
    }

    /// <summary>Reads and validates the lines of <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="QaFormatException">The input is empty or some line is malformed.</exception>
    public static async Task<QaCaseSet> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var cases = new List<QaCase>();
        var errors = new List<string>();
        var warnings = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var questions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var lineErrors = new List<string>();
            var parsed = ParseLine(line, number, lineErrors);
            errors.AddRange(lineErrors.Select(e => $"line {number}: {e}"));
            if (parsed is null || lineErrors.Count > 0)
            {
                continue;
            }

            if (parsed.Id is { } id && !ids.TryAdd(id, number))
            {
                errors.Add($"line {number}: id \"{id}\" is already used on line {ids[id]}");
                continue;
            }

            if (!questions.TryAdd(parsed.Question.Trim(), number))
            {
                warnings.Add($"line {number}: the same question as line {questions[parsed.Question.Trim()]}; it is asked and scored twice");
            }

            if (!parsed.HasExpectations)
            {
                warnings.Add($"line {number}: no expectedDocuments, expectedAnswerContains or expectNoAnswer; the question is asked but scores nothing");
            }

            cases.Add(parsed);
        }

        if (errors.Count > 0)
        {
            throw new QaFormatException(source, errors);
        }

        if (cases.Count == 0)
        {
            throw new QaFormatException($"'{source}' contains no questions: expected one JSON object per line, e.g. {{\"question\": \"How many days of annual leave do I get?\", \"expectedDocuments\": [\"employee-handbook.pdf\"]}}.");
        }

        return new QaCaseSet(source, cases, warnings);
    }

    private static QaCase? ParseLine(string line, int number, List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            errors.Add("not valid JSON: " + FirstSentence(ex.Message));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"expected a JSON object {{\"question\": ...}}, found {Kind(root.ValueKind)}");
                return null;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    errors.Add($"field \"{property.Name}\" appears twice");
                }
                else if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
                {
                    var suggestion = Suggest(property.Name);
                    errors.Add($"unknown field \"{property.Name}\"" + (suggestion is null ? string.Empty : $" (did you mean \"{suggestion}\"?)") + $"; known fields: {string.Join(", ", KnownFields)}");
                }
            }

            var question = RequiredString(root, "question", errors);
            var id = OptionalString(root, "id", errors);
            OptionalString(root, "comment", errors);
            var documents = StringOrStrings(root, "expectedDocuments", errors);
            var contains = StringOrStrings(root, "expectedAnswerContains", errors);
            var noAnswer = OptionalBoolean(root, "expectNoAnswer", errors);
            var conversation = OptionalString(root, "conversation", errors);
            var topicChange = OptionalBoolean(root, "topicChange", errors);
            if (topicChange && string.IsNullOrWhiteSpace(conversation))
            {
                errors.Add("\"topicChange\": true needs a \"conversation\" to change the topic of");
            }

            if (noAnswer && (documents.Count > 0 || contains.Count > 0))
            {
                errors.Add("\"expectNoAnswer\": true contradicts a non-empty expectedDocuments or expectedAnswerContains");
            }

            return question is null ? null : new QaCase(number, id, question, documents, contains, noAnswer) { Conversation = conversation, TopicChange = topicChange };
        }
    }

    private static string? RequiredString(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"\"{name}\" is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"\"{name}\" must be a string, found {Kind(value.ValueKind)}");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"\"{name}\" is empty");
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"\"{name}\" must be a string, found {Kind(value.ValueKind)}");
            return null;
        }

        return value.GetString();
    }

    private static bool OptionalBoolean(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"\"{name}\" must be true or false, found {Kind(value.ValueKind)}");
            return false;
        }

        return value.GetBoolean();
    }

    // A single string is accepted for one expectation; null and [] mean "not judged"; an empty string is an error
    // because it would match every answer.
    private static List<string> StringOrStrings(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!;
            if (string.IsNullOrWhiteSpace(single))
            {
                errors.Add($"\"{name}\" is an empty string");
                return [];
            }

            return [single.Trim()];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"\"{name}\" must be a string or an array of strings, found {Kind(value.ValueKind)}");
            return [];
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"\"{name}\"[{index}] must be a string, found {Kind(item.ValueKind)}");
            }
            else if (string.IsNullOrWhiteSpace(item.GetString()))
            {
                errors.Add($"\"{name}\"[{index}] is an empty string");
            }
            else
            {
                list.Add(item.GetString()!.Trim());
            }

            index++;
        }

        return list;
    }

    private static string? Suggest(string name) =>
        KnownFields.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? KnownFields.Select(k => (Field: k, Distance: Distance(k.ToUpperInvariant(), name.ToUpperInvariant())))
            .Where(c => c.Distance <= 3)
            .OrderBy(c => c.Distance)
            .Select(c => c.Field)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 17." — keep the byte position, drop the line 0.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var position = message.IndexOf("BytePositionInLine:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut] + (position < 0 ? string.Empty : " (at byte " + message[(position + 19)..].Trim().TrimEnd('.') + ")");
    }
}
