using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Rag.Core.Audit;

namespace Rag.Audit.Tests;

public sealed class AuditChainTests
{
    private const string PreviousHash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // SHA-256 of the canonical bytes below, computed outside .NET (Python hashlib) from the format in AuditChain's docs.
    private const string VectorHash = "ac0cf619dcdb2d5f17229e7f52634eab7149cb3cfef248fc58b5e9834af14554";

    private static readonly DateTimeOffset VectorTime = new DateTimeOffset(2026, 11, 23, 9, 15, 30, TimeSpan.FromHours(1)).AddTicks(1_234_567);

    private static readonly AuditEvent VectorEvent = new(AuditActions.QuestionAsked, new AuditActor("u-1", "Ärztin Ö", ["staff", "Ärzte"], ["reader"]), ["doc-1", "chunk-2"], AuditOutcomes.Answered)
    {
        CorrelationId = "c-1",
        ClientAddress = "10.0.0.7",
        ModelId = "bge-m3",
        ModelVersion = "rev-5",
        Detail = "{\"q\":\"Dosis?\"}",
    };

    [Fact]
    public void ComputeHash_EveryFieldSet_MatchesTheDocumentedCanonicalForm()
    {
        var bytes = new List<byte>(Convert.FromHexString(PreviousHash));
        bytes.AddRange("RAG-AUDIT-1"u8.ToArray());
        bytes.AddRange([0, 0, 0, 0, 0, 0, 0, 42]);
        bytes.AddRange(Text("2026-11-23T08:15:30.1234567Z"));
        bytes.AddRange(Text("question.asked"));
        bytes.AddRange(Text("u-1"));
        bytes.AddRange(Text("Ärztin Ö"));
        bytes.AddRange([0x02, 0, 0, 0, 2, .. Text("staff"), .. Text("Ärzte")]);
        bytes.AddRange([0x02, 0, 0, 0, 1, .. Text("reader")]);
        bytes.AddRange([0x02, 0, 0, 0, 2, .. Text("doc-1"), .. Text("chunk-2")]);
        bytes.AddRange(Text("answered"));
        bytes.AddRange(Text("c-1"));
        bytes.AddRange(Text("10.0.0.7"));
        bytes.AddRange(Text("bge-m3"));
        bytes.AddRange(Text("rev-5"));
        bytes.AddRange(Text("{\"q\":\"Dosis?\"}"));

        var hash = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())), hash);
        Assert.Equal(VectorHash, hash);
    }

    [Fact]
    public void ComputeHash_NullField_IsWrittenAsOneZeroByte()
    {
        var withNull = VectorEvent with { ModelVersion = null };
        var bytes = new List<byte>(Convert.FromHexString(AuditChain.GenesisHash));
        bytes.AddRange("RAG-AUDIT-1"u8.ToArray());
        bytes.AddRange([0, 0, 0, 0, 0, 0, 0, 1]);
        foreach (var text in new[] { "2026-11-23T08:15:30.1234567Z", "question.asked", "u-1", "Ärztin Ö" })
        {
            bytes.AddRange(Text(text));
        }

        bytes.AddRange([0x02, 0, 0, 0, 2, .. Text("staff"), .. Text("Ärzte"), 0x02, 0, 0, 0, 1, .. Text("reader"), 0x02, 0, 0, 0, 2, .. Text("doc-1"), .. Text("chunk-2")]);
        foreach (var text in new[] { "answered", "c-1", "10.0.0.7", "bge-m3" })
        {
            bytes.AddRange(Text(text));
        }

        bytes.Add(0x00);
        bytes.AddRange(Text("{\"q\":\"Dosis?\"}"));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())), AuditChain.ComputeHash(AuditChain.GenesisHash, 1, VectorTime, withNull));
    }

    [Fact]
    public void ComputeHash_NullAndEmptyString_Differ()
    {
        var empty = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent with { Detail = string.Empty });
        var missing = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent with { Detail = null });

        Assert.NotEqual(empty, missing);
    }

    [Fact]
    public void ComputeHash_NullAndEmptyList_Differ()
    {
        var empty = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent with { Targets = [] });
        var missing = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent with { Targets = null! });

        Assert.NotEqual(empty, missing);
    }

    [Theory]
    [InlineData("doc-2|doc-1")]
    [InlineData("doc-1chunk-2")]
    [InlineData("doc-1|chunk-2|")]
    [InlineData("doc-1|chunk-|2")]
    public void ComputeHash_OtherTargets_Differs(string joined)
    {
        var original = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent);

        var targets = joined.Split('|');

        Assert.NotEqual(original, AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent with { Targets = targets }));
    }

    [Fact]
    public void ComputeHash_FieldMovedToTheNextField_Differs()
    {
        // Same text, another field: the per-field encoding keeps fields apart.
        var inCorrelation = VectorEvent with { CorrelationId = "x", ClientAddress = null };
        var inClient = VectorEvent with { CorrelationId = null, ClientAddress = "x" };

        Assert.NotEqual(AuditChain.ComputeHash(PreviousHash, 42, VectorTime, inCorrelation), AuditChain.ComputeHash(PreviousHash, 42, VectorTime, inClient));
    }

    [Fact]
    public void ComputeHash_OtherSequenceTimeOrLink_Differs()
    {
        var original = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent);

        Assert.NotEqual(original, AuditChain.ComputeHash(PreviousHash, 43, VectorTime, VectorEvent));
        Assert.NotEqual(original, AuditChain.ComputeHash(PreviousHash, 42, VectorTime.AddTicks(1), VectorEvent));
        Assert.NotEqual(original, AuditChain.ComputeHash(AuditChain.GenesisHash, 42, VectorTime, VectorEvent));
    }

    [Fact]
    public void ComputeHash_MalformedLink_DoesNotThrowAndDiffersFromTheWellFormedOne()
    {
        var wellFormed = AuditChain.ComputeHash(PreviousHash, 42, VectorTime, VectorEvent);

        var upper = AuditChain.ComputeHash(PreviousHash.ToUpperInvariant(), 42, VectorTime, VectorEvent);
        var garbage = AuditChain.ComputeHash("not a hash", 42, VectorTime, VectorEvent);

        Assert.NotEqual(wellFormed, upper);
        Assert.NotEqual(wellFormed, garbage);
        Assert.True(AuditChain.IsWellFormed(garbage));
    }

    [Fact]
    public void IsSelfConsistent_RecordAsHashed_TrueAndFalseOnceAnyPartChanges()
    {
        var record = new AuditRecord(42, VectorTime, VectorEvent, PreviousHash, VectorHash);

        Assert.True(AuditChain.IsSelfConsistent(record));
        Assert.Equal(VectorHash, AuditChain.ComputeHash(record));
        Assert.False(AuditChain.IsSelfConsistent(record with { Sequence = 41 }));
        Assert.False(AuditChain.IsSelfConsistent(record with { PreviousHash = AuditChain.GenesisHash }));
        Assert.False(AuditChain.IsSelfConsistent(record with { Event = VectorEvent with { Outcome = AuditOutcomes.Denied } }));
        Assert.False(AuditChain.IsSelfConsistent(record with { Event = VectorEvent with { Actor = VectorEvent.Actor with { Roles = ["admin"] } } }));
        Assert.False(AuditChain.IsSelfConsistent(record with { Hash = VectorHash.ToUpperInvariant() }));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("ac0cf619dcdb2d5f17229e7f52634eab7149cb3cfef248fc58b5e9834af14554", true)]
    [InlineData("AC0CF619DCDB2D5F17229E7F52634EAB7149CB3CFEF248FC58B5E9834AF14554", false)]
    [InlineData("ac0cf619dcdb2d5f17229e7f52634eab7149cb3cfef248fc58b5e9834af1455", false)]
    [InlineData("gc0cf619dcdb2d5f17229e7f52634eab7149cb3cfef248fc58b5e9834af14554", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsWellFormed_Text_TrueOnlyFor64LowercaseHexDigits(string? hash, bool expected) =>
        Assert.Equal(expected, AuditChain.IsWellFormed(hash));

    [Fact]
    public void GenesisHash_Is64Zeros() =>
        Assert.Equal(new string('0', 64), AuditChain.GenesisHash);

    [Fact]
    public void FormatTime_AnyOffset_IsUtcWithSevenDigitsAndZ() =>
        Assert.Equal("2026-11-23T08:15:30.1234567Z", AuditChain.FormatTime(VectorTime));

    [Fact]
    public void ParseTime_FormattedTime_RoundTripsToTheNormalizedInstant()
    {
        var parsed = AuditChain.ParseTime(AuditChain.FormatTime(VectorTime));
        var normalized = AuditChain.Normalize(VectorTime);

        Assert.Equal(normalized, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(TimeSpan.Zero, normalized.Offset);
        Assert.Equal(VectorTime.UtcTicks, parsed.UtcTicks);
        Assert.Equal(AuditChain.FormatTime(VectorTime), AuditChain.FormatTime(parsed));
    }

    [Theory]
    [InlineData("2026-11-23T08:15:30Z")]
    [InlineData("2026-11-23T08:15:30.1234567+00:00")]
    [InlineData("2026-11-23 08:15:30.1234567Z")]
    [InlineData("yesterday")]
    public void ParseTime_NotTheCanonicalForm_Throws(string text) =>
        Assert.Throws<FormatException>(() => AuditChain.ParseTime(text));

    private static byte[] Text(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var bytes = new byte[5 + utf8.Length];
        bytes[0] = 0x01;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), utf8.Length);
        utf8.CopyTo(bytes, 5);
        return bytes;
    }
}
