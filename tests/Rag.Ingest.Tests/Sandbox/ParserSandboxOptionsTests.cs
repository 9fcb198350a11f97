using System.ComponentModel.DataAnnotations;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Sandbox;

namespace Rag.Ingest.Tests.Sandbox;

public sealed class ParserSandboxOptionsTests
{
    [Fact]
    public void Ctor_Defaults_ArePinned()
    {
        var options = new ParserSandboxOptions();

        Assert.True(options.Enabled);
        Assert.Equal(1024L * 1024 * 1024, options.MemoryLimitBytes);
        Assert.Equal(2, options.PoolSize);
        Assert.Null(options.HostPath);
        Assert.Equal("Rag:Ingestion:Sandbox", ParserSandboxOptions.SectionName);
    }

    [Theory]
    [InlineData(1024L * 1024, 2, "MemoryLimitBytes")]
    [InlineData(1024L * 1024 * 1024, 0, "PoolSize")]
    public void Validate_OutOfRange_NamesTheSetting(long memory, int pool, string expected)
    {
        var results = new List<ValidationResult>();
        var options = new ParserSandboxOptions { MemoryLimitBytes = memory, PoolSize = pool };

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal(expected, Assert.Single(Assert.Single(results).MemberNames));
    }

    [Fact]
    public void Resolve_MissingHostPath_NamesTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ParseHostCommand.Resolve("/nonexistent/host.dll"));

        Assert.Contains("Rag:Ingestion:Sandbox:HostPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestionOptions_NewLimits_DefaultsArePinned()
    {
        var options = new IngestionOptions();
        var limits = options.ReadLimits();

        Assert.Equal(10_000, options.MaxPagesPerDocument);
        Assert.Equal(20_000_000, options.MaxExtractedCharacters);
        Assert.Equal(50_000, options.MaxChunksPerDocument);
        Assert.Empty(options.PdfPasswords);
        Assert.Equal(options.MaxPagesPerDocument, limits.MaxPages);
        Assert.Equal(options.MaxExtractedCharacters, limits.MaxCharacters);
        Assert.Equal(options.PerFileTimeout, limits.TimeLimit);
    }

    [Fact]
    public void PdfPasswordFor_SetNameInOtherCase_FindsPassword()
    {
        var options = new IngestionOptions { PdfPasswords = { ["Finance"] = "s3cret" } };

        Assert.Equal("s3cret", options.PdfPasswordFor("finance"));
        Assert.Null(options.PdfPasswordFor("legal"));
    }
}
