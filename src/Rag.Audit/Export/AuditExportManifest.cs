using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Rag.Core.Audit;
using Rag.Audit.Signing;

namespace Rag.Audit.Export;

/// <summary>
/// The signed manifest written beside an export (<c>OUT.manifest.json</c>). The signature covers <see cref="Payload"/>:
/// every field but the signature, with the row digests reduced to one SHA-256 (docs/audit-export.md).
/// </summary>
/// <param name="Format"><c>csv</c> or <c>json</c>.</param>
/// <param name="CreatedUtc">When the export was made (<see cref="AuditChain.FormatTime"/>).</param>
/// <param name="ExportedBy">The actor id of whoever exported.</param>
/// <param name="Filters">The filters applied.</param>
/// <param name="Count">Data rows in the file.</param>
/// <param name="FirstSequence">Sequence number of the first row (null for an empty export).</param>
/// <param name="LastSequence">Sequence number of the last row (null for an empty export).</param>
/// <param name="FileSha256">Hex SHA-256 of the export file's bytes.</param>
/// <param name="KeyId">Which key signed it (<see cref="AuditKey.KeyId"/>).</param>
/// <param name="Signature">Base64 ECDSA P-256 signature of <see cref="Payload"/>.</param>
/// <param name="RowDigests">Per row, in order: the first 16 hex digits of the record hash recomputed from the row's cells.</param>
public sealed record AuditExportManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("createdUtc")] string CreatedUtc,
    [property: JsonPropertyName("exportedBy")] string ExportedBy,
    [property: JsonPropertyName("filters")] AuditExportFilters Filters,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("firstSequence")] long? FirstSequence,
    [property: JsonPropertyName("lastSequence")] long? LastSequence,
    [property: JsonPropertyName("fileSha256")] string FileSha256,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("rowDigests")] IReadOnlyList<string> RowDigests)
{
    /// <summary>First line of the signed payload; names this payload layout.</summary>
    public const string Tag = "rag-audit-export-1";

    /// <summary>Hex digits of a row digest.</summary>
    public const int RowDigestLength = 16;

    /// <summary>
    /// The exact text that is signed: <see cref="Tag"/>, then one <c>name=value</c> line per field (LF between lines),
    /// where a text value is its UTF-8 byte length, a colon and the text, a missing value is <c>-</c>, and a number is
    /// decimal. The row digests enter as <c>rowDigestsSha256</c>: the SHA-256 of the digests joined by LF.
    /// </summary>
    [JsonIgnore]
    public string Payload => string.Join(
        '\n',
        Tag,
        "format=" + Text(Format),
        "createdUtc=" + Text(CreatedUtc),
        "exportedBy=" + Text(ExportedBy),
        "from=" + Text(Filters?.From),
        "to=" + Text(Filters?.To),
        "user=" + Text(Filters?.User),
        "action=" + Text(Filters?.Action),
        "count=" + Count.ToString(CultureInfo.InvariantCulture),
        "firstSequence=" + Number(FirstSequence),
        "lastSequence=" + Number(LastSequence),
        "fileSha256=" + Text(FileSha256),
        "rowDigestsSha256=" + DigestsSha256(RowDigests ?? []),
        "keyId=" + Text(KeyId));

    /// <summary>The name of <paramref name="format"/> in the manifest.</summary>
    public static string FormatName(AuditExportFormat format) => format == AuditExportFormat.Csv ? "csv" : "json";

    /// <summary>The row digest of <paramref name="record"/>: its hash recomputed from its fields, first <see cref="RowDigestLength"/> hex digits.</summary>
    public static string RowDigest(AuditRecord record) => AuditChain.ComputeHash(record)[..RowDigestLength];

    /// <summary>Hex SHA-256 of <paramref name="digests"/> joined by LF.</summary>
    public static string DigestsSha256(IEnumerable<string> digests) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', digests))));

    /// <summary>Signs a manifest with these fields.</summary>
    public static AuditExportManifest Create(
        AuditExportFormat format,
        DateTimeOffset created,
        string exportedBy,
        AuditExportFilters filters,
        long? firstSequence,
        long? lastSequence,
        string fileSha256,
        IReadOnlyList<string> rowDigests,
        AuditKey key)
    {
        ArgumentNullException.ThrowIfNull(rowDigests);
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = new AuditExportManifest(FormatName(format), AuditChain.FormatTime(created), exportedBy, filters, rowDigests.Count, firstSequence, lastSequence, fileSha256, key.KeyId, string.Empty, rowDigests);
        return unsigned with { Signature = key.Sign(unsigned.Payload) };
    }

    private static string Text(string? value) =>
        value is null ? "-" : Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture) + ":" + value;

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
