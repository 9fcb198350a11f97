using Rag.Core.Audit;
using Rag.Audit.Signing;

namespace Rag.Audit.Tests.Signing;

public sealed class AuditCheckpointLineTests
{
    private static readonly DateTimeOffset Time = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);

    [Fact]
    public void TryParse_FormattedCheckpoint_RoundTripsAndStillVerifies()
    {
        using var key = AuditKey.Generate();
        var first = AuditCheckpoint.Create(1, 1000, new string('a', 64), Time, AuditChain.GenesisHash, key);
        var second = AuditCheckpoint.Create(2, 2000, new string('b', 64), Time.AddMinutes(5), first.PayloadHash, key);

        var line = AuditCheckpointLine.Format(second);
        var parsed = AuditCheckpointLine.TryParse(line, out var error);

        Assert.Null(error);
        Assert.Equal(second, parsed);
        Assert.True(key.Verify(parsed!.Payload, parsed.Signature));
        Assert.Equal(first.PayloadHash, parsed.PreviousCheckpointHash);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("{\"n\":2,\"seq\":2000,\"head\":\"bbbb", line, StringComparison.Ordinal);
        Assert.Contains("\"time\":\"2026-11-23T08:05:00.0000007Z\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Time_IsNormalizedToUtcSoThePayloadIsStable()
    {
        using var key = AuditKey.Generate();

        var checkpoint = AuditCheckpoint.Create(3, 5, AuditChain.GenesisHash, Time, AuditChain.GenesisHash, key);

        Assert.Equal(TimeSpan.Zero, checkpoint.Time.Offset);
        Assert.Equal(
            $"rag-audit-checkpoint-1|3|5|{AuditChain.GenesisHash}|2026-11-23T08:00:00.0000007Z|{AuditChain.GenesisHash}|{key.KeyId}",
            checkpoint.Payload);
    }

    [Fact]
    public void Payload_AnyFieldChanged_NoLongerVerifies()
    {
        using var key = AuditKey.Generate();
        var checkpoint = AuditCheckpoint.Create(1, 1000, new string('a', 64), Time, AuditChain.GenesisHash, key);

        AuditCheckpoint[] edited =
        [
            checkpoint with { Number = 2 },
            checkpoint with { Sequence = 1001 },
            checkpoint with { HeadHash = new string('c', 64) },
            checkpoint with { Time = checkpoint.Time.AddTicks(1) },
            checkpoint with { PreviousCheckpointHash = new string('d', 64) },
        ];

        Assert.All(edited, e => Assert.False(key.Verify(e.Payload, e.Signature)));
        Assert.All(edited, e => Assert.NotEqual(checkpoint.PayloadHash, e.PayloadHash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    [InlineData("{\"n\":1,\"seq\":1000}")]
    [InlineData("{\"n\":\"one\",\"seq\":1000,\"head\":\"a\",\"time\":\"2026-11-23T08:00:00.0000000Z\",\"prev\":\"p\",\"keyId\":\"k\",\"sig\":\"s\"}")]
    [InlineData("{\"n\":1,\"seq\":1000,\"head\":\"a\",\"time\":\"yesterday\",\"prev\":\"p\",\"keyId\":\"k\",\"sig\":\"s\"}")]
    [InlineData("{\"n\":1,\"seq\":1000,\"head\":\"a\",\"time\":\"2026-11-23T08:00:00.0000000Z\",\"prev\":\"p\",\"keyId\":\"k\"}")]
    [InlineData("{\"n\":1,\"seq\":1000,\"head\":\"a\",\"time\":\"2026-11-23T08:00:00.0000000Z\",\"prev\":\"p\",\"keyId\":\"k\",\"sig\":\"s\"")]
    public void TryParse_NotACheckpoint_ReturnsNullWithAReason(string line)
    {
        var parsed = AuditCheckpointLine.TryParse(line, out var error);

        Assert.Null(parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
