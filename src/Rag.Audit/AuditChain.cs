using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rag.Core.Audit;

namespace Rag.Audit;

/// <summary>
/// The hash chain: <c>hash(n) = SHA-256(bytes(hash(n-1)) || canonical(record n))</c>, where the first record links to
/// <see cref="GenesisHash"/> (or to the last purged record's hash, kept in the signed purge marker).
/// The canonical form is simple enough to re-implement in any language (docs/audit.md):
/// the ASCII tag <c>RAG-AUDIT-1</c>, then the sequence number as 8 bytes big-endian, then each field in a fixed order
/// (time, action, actor id, actor name, groups, roles, targets, outcome, correlation id, client address, model id,
/// model version, detail) where a string is <c>0x01</c> + 4-byte big-endian byte length + UTF-8, a null is <c>0x00</c>
/// and a list is <c>0x02</c> + 4-byte big-endian count + its strings. Time is written as <see cref="FormatTime"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>The link before the first record ever written: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly byte[] Tag = "RAG-AUDIT-1"u8.ToArray();

    /// <summary>The record time as the chain hashes it: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatTime"/>'s output.</summary>
    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Truncates <paramref name="time"/> to what <see cref="FormatTime"/> keeps, so a stored record equals the one returned by append.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time) => new(time.UtcTicks, TimeSpan.Zero);

    /// <summary>The hash of a record with these fields, linked to <paramref name="previousHash"/>.</summary>
    public static string ComputeHash(string previousHash, long sequence, DateTimeOffset time, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteLink(buffer, previousHash);
        WriteCanonical(buffer, sequence, time, auditEvent);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Recomputes <paramref name="record"/>'s hash from its fields and its stored previous hash.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ComputeHash(record.PreviousHash, record.Sequence, record.Time, record.Event);
    }

    /// <summary>True when <paramref name="record"/>'s stored hash matches its fields and stored previous hash.</summary>
    public static bool IsSelfConsistent(AuditRecord record) =>
        string.Equals(ComputeHash(record), record?.Hash, StringComparison.Ordinal);

    /// <summary>Checks that <paramref name="hash"/> is 64 lowercase hex digits.</summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static void WriteLink(ArrayBufferWriter<byte> buffer, string previousHash)
    {
        if (!IsWellFormed(previousHash))
        {
            // Still hashed (a damaged link must not throw), but never equal to a well-formed link's bytes.
            WriteString(buffer, previousHash);
            return;
        }

        Convert.FromHexString(previousHash, buffer.GetSpan(32), out _, out var written);
        buffer.Advance(written);
    }

    private static void WriteCanonical(ArrayBufferWriter<byte> buffer, long sequence, DateTimeOffset time, AuditEvent e)
    {
        buffer.Write(Tag);
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), sequence);
        buffer.Advance(8);
        WriteString(buffer, FormatTime(time));
        WriteString(buffer, e.Action);
        WriteString(buffer, e.Actor?.Id);
        WriteString(buffer, e.Actor?.DisplayName);
        WriteList(buffer, e.Actor?.Groups);
        WriteList(buffer, e.Actor?.Roles);
        WriteList(buffer, e.Targets);
        WriteString(buffer, e.Outcome);
        WriteString(buffer, e.CorrelationId);
        WriteString(buffer, e.ClientAddress);
        WriteString(buffer, e.ModelId);
        WriteString(buffer, e.ModelVersion);
        WriteString(buffer, e.Detail);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.GetSpan(1)[0] = 0x00;
            buffer.Advance(1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 0x01;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }

    private static void WriteList(ArrayBufferWriter<byte> buffer, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            buffer.GetSpan(1)[0] = 0x00;
            buffer.Advance(1);
            return;
        }

        var span = buffer.GetSpan(5);
        span[0] = 0x02;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], values.Count);
        buffer.Advance(5);
        foreach (var value in values)
        {
            WriteString(buffer, value);
        }
    }
}
