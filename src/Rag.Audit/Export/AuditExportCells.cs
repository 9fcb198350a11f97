using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>
/// A record as CSV cells and back, exactly: the hash recomputed from the cells equals the stored one.
/// <list type="bullet">
/// <item>A null is an empty cell.</item>
/// <item>
/// A text that is empty or starts with <c>= + - @</c>, tab, carriage return or <c>'</c> gets one <c>'</c> in front, so a
/// spreadsheet never runs it as a formula (question text lands in <c>detail</c>). Reading removes exactly one leading
/// <c>'</c> from any cell that has one; so <c>'</c> alone is the empty text, and a text that starts with <c>'</c> keeps it.
/// </item>
/// <item>Lists (groups, roles, targets) are JSON arrays of strings.</item>
/// </list>
/// </summary>
internal static class AuditExportCells
{
    public static readonly string[] Header =
    [
        "sequence", "time", "action", "actorId", "actorName", "actorGroups", "actorRoles", "targets", "outcome",
        "correlationId", "clientAddress", "modelId", "modelVersion", "detail", "previousHash", "hash",
    ];

    private const char Protect = '\'';

    private static readonly JsonSerializerOptions ListJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string[] From(AuditRecord record)
    {
        var e = record.Event;
        return
        [
            record.Sequence.ToString(CultureInfo.InvariantCulture),
            Encode(AuditChain.FormatTime(record.Time)),
            Encode(e.Action),
            Encode(e.Actor?.Id),
            Encode(e.Actor?.DisplayName),
            EncodeList(e.Actor?.Groups),
            EncodeList(e.Actor?.Roles),
            EncodeList(e.Targets),
            Encode(e.Outcome),
            Encode(e.CorrelationId),
            Encode(e.ClientAddress),
            Encode(e.ModelId),
            Encode(e.ModelVersion),
            Encode(e.Detail),
            Encode(record.PreviousHash),
            Encode(record.Hash),
        ];
    }

    /// <summary>The record in <paramref name="cells"/>.</summary>
    /// <exception cref="FormatException">A cell cannot be read; the message names the column.</exception>
    public static AuditRecord Read(IReadOnlyList<string> cells)
    {
        if (cells.Count != Header.Length)
        {
            throw new FormatException($"it has {cells.Count} cells instead of {Header.Length}");
        }

        if (!long.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException("the sequence cell is not a number");
        }

        var time = Decode(cells[1]) is { } text && TryParseTime(text, out var parsed)
            ? parsed
            : throw new FormatException("the time cell is not a time (yyyy-MM-ddTHH:mm:ss.fffffffZ)");
        var actor = new AuditActor(Decode(cells[3])!, Decode(cells[4])!, DecodeList(cells[5], "actorGroups")!, DecodeList(cells[6], "actorRoles")!);
        var auditEvent = new AuditEvent(Decode(cells[2])!, actor, DecodeList(cells[7], "targets")!, Decode(cells[8])!)
        {
            CorrelationId = Decode(cells[9]),
            ClientAddress = Decode(cells[10]),
            ModelId = Decode(cells[11]),
            ModelVersion = Decode(cells[12]),
            Detail = Decode(cells[13]),
        };
        return new AuditRecord(sequence, time, auditEvent, Decode(cells[14])!, Decode(cells[15])!);
    }

    public static string Encode(string? value) =>
        value is null ? string.Empty
        : value.Length == 0 || value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or Protect ? Protect + value
        : value;

    public static string? Decode(string cell) =>
        cell.Length == 0 ? null
        : cell[0] == Protect ? cell[1..]
        : cell;

    private static string EncodeList(IReadOnlyList<string>? values) =>
        values is null ? string.Empty : Encode(JsonSerializer.Serialize(values, ListJson));

    private static List<string>? DecodeList(string cell, string column)
    {
        if (Decode(cell) is not { } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? throw new FormatException($"the {column} cell is not a JSON array of strings");
        }
        catch (JsonException)
        {
            throw new FormatException($"the {column} cell is not a JSON array of strings");
        }
    }

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        try
        {
            time = AuditChain.ParseTime(text);
            return true;
        }
        catch (FormatException)
        {
            time = default;
            return false;
        }
    }
}
