using System.Text.Json;
using System.Text.Json.Serialization;
using Rag.Core.Audit;

namespace Rag.Audit.Signing;

/// <summary>The checkpoint file format: one JSON object per line (<c>{"n":1,"seq":1000,"head":"…","time":"…","prev":"…","keyId":"…","sig":"…"}</c>).</summary>
public static partial class AuditCheckpointLine
{
    /// <summary>One line for <paramref name="checkpoint"/>, without the newline.</summary>
    public static string Format(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return JsonSerializer.Serialize(
            new Line(checkpoint.Number, checkpoint.Sequence, checkpoint.HeadHash, AuditChain.FormatTime(checkpoint.Time), checkpoint.PreviousCheckpointHash, checkpoint.KeyId, checkpoint.Signature),
            LineContext.Default.Line);
    }

    /// <summary>Parses one line; null (with <paramref name="error"/>) when it is not a well-formed checkpoint.</summary>
    public static AuditCheckpoint? TryParse(string line, out string? error)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(line, LineContext.Default.Line);
            if (parsed is null || parsed.Head is null || parsed.Time is null || parsed.Prev is null || parsed.KeyId is null || parsed.Sig is null)
            {
                error = "a field is missing";
                return null;
            }

            error = null;
            return new AuditCheckpoint(parsed.N, parsed.Seq, parsed.Head, AuditChain.ParseTime(parsed.Time), parsed.Prev, parsed.KeyId, parsed.Sig);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            error = ex.Message;
            return null;
        }
    }

    internal sealed record Line(
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("head")] string? Head,
        [property: JsonPropertyName("time")] string? Time,
        [property: JsonPropertyName("prev")] string? Prev,
        [property: JsonPropertyName("keyId")] string? KeyId,
        [property: JsonPropertyName("sig")] string? Sig);

    [JsonSerializable(typeof(Line))]
    internal sealed partial class LineContext : JsonSerializerContext;
}
