using System.ComponentModel.DataAnnotations;
using Rag.Core.Audit;

namespace Rag.Core.Tests.Audit;

public sealed class AuditOptionsTests
{
    [Fact]
    public void Defaults_Pinned()
    {
        var o = new AuditOptions();

        Assert.Equal(
            (true, 1000, TimeSpan.FromMinutes(5), TimeSpan.FromDays(400), false, (string?)null, (string?)null, (string?)null),
            (o.StoreText, o.CheckpointEveryRecords, o.CheckpointInterval, o.RetentionPeriod, o.LegalHold, o.CheckpointFile, o.SigningKeyFile, o.SigningKey));
    }

    [Theory]
    [InlineData(nameof(AuditOptions.CheckpointEveryRecords))]
    [InlineData(nameof(AuditOptions.CheckpointInterval))]
    [InlineData(nameof(AuditOptions.RetentionPeriod))]
    [InlineData(nameof(AuditOptions.TrustedKeyFingerprint))]
    public void Validation_OutOfRange_FailsNamingTheKey(string member)
    {
        var options = member switch
        {
            nameof(AuditOptions.CheckpointEveryRecords) => new AuditOptions { CheckpointEveryRecords = 0 },
            nameof(AuditOptions.CheckpointInterval) => new AuditOptions { CheckpointInterval = TimeSpan.Zero },
            nameof(AuditOptions.TrustedKeyFingerprint) => new AuditOptions { TrustedKeyFingerprint = "3f2a9c1d00b1e7aa" }, // a key id, not the whole fingerprint
            _ => new AuditOptions { RetentionPeriod = TimeSpan.FromHours(1) },
        };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        var result = Assert.Single(results);
        Assert.Contains(member, result.MemberNames);
        Assert.Contains("Rag:Audit:" + member, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3F2A9C1D00B1E7AA3F2A9C1D00B1E7AA3F2A9C1D00B1E7AA3F2A9C1D00B1E7AA")]
    [InlineData("sha256:3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa")]
    public void PinnedFingerprint_EitherSpelling_IsLowercaseHex(string configured)
    {
        var options = new AuditOptions { TrustedKeyFingerprint = configured };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal("3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa3f2a9c1d00b1e7aa", options.PinnedFingerprint);
    }

    [Fact]
    public void Validation_Defaults_AreValid()
    {
        var options = new AuditOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
