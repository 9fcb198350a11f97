using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>
/// A record as JSON: one line of a JSON Lines export, and each record of <c>rag audit query --json</c> (one shape for
/// both). Every field of the record; nulls are written.
/// </summary>
public sealed record AuditExportJsonRow(
    [property: JsonPropertyName("sequence")] long? Sequence,
    [property: JsonPropertyName("time")] string? Time,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("actor")] AuditExportJsonActor? Actor,
    [property: JsonPropertyName("targets")] IReadOnlyList<string>? Targets,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("correlationId")] string? CorrelationId,
    [property: JsonPropertyName("clientAddress")] string? ClientAddress,
    [property: JsonPropertyName("modelId")] string? ModelId,
    [property: JsonPropertyName("modelVersion")] string? ModelVersion,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("previousHash")] string? PreviousHash,
    [property: JsonPropertyName("hash")] string? Hash)
{
    // Relaxed escaping keeps non-ASCII text readable; control characters and line breaks are still escaped, so a row is one line.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON shape of <paramref name="record"/>.</summary>
    public static AuditExportJsonRow From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var e = record.Event;
        return new AuditExportJsonRow(
            record.Sequence,
            AuditChain.FormatTime(record.Time),
            e.Action,
            e.Actor is null ? null : new AuditExportJsonActor(e.Actor.Id, e.Actor.DisplayName, e.Actor.Groups, e.Actor.Roles),
            e.Targets,
            e.Outcome,
            e.CorrelationId,
            e.ClientAddress,
            e.ModelId,
            e.ModelVersion,
            e.Detail,
            record.PreviousHash,
            record.Hash);
    }

    /// <summary>One export line for <paramref name="record"/>.</summary>
    public static string Format(AuditRecord record) => JsonSerializer.Serialize(From(record), Options);

    /// <summary>The record on <paramref name="line"/>.</summary>
    /// <exception cref="FormatException">The line is not a record; the message says why.</exception>
    public static AuditRecord Read(string line)
    {
        AuditExportJsonRow? row;
        try
        {
            row = JsonSerializer.Deserialize<AuditExportJsonRow>(line, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException("it is not a JSON object: " + ex.Message, ex);
        }

        if (row?.Sequence is not { } sequence)
        {
            throw new FormatException("it has no sequence number");
        }

        DateTimeOffset time;
        try
        {
            time = AuditChain.ParseTime(row.Time ?? throw new FormatException("it has no time"));
        }
        catch (FormatException)
        {
            throw new FormatException("its time is not a time (yyyy-MM-ddTHH:mm:ss.fffffffZ)");
        }

        var actor = row.Actor is { } a ? new AuditActor(a.Id!, a.Name!, a.Groups!, a.Roles!) : null;
        var auditEvent = new AuditEvent(row.Action!, actor!, row.Targets!, row.Outcome!)
        {
            CorrelationId = row.CorrelationId,
            ClientAddress = row.ClientAddress,
            ModelId = row.ModelId,
            ModelVersion = row.ModelVersion,
            Detail = row.Detail,
        };
        return new AuditRecord(sequence, time, auditEvent, row.PreviousHash!, row.Hash!);
    }
}
