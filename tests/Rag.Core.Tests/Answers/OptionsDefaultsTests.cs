using System.ComponentModel.DataAnnotations;
using Rag.Core.Answers;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class OptionsDefaultsTests
{
    [Fact]
    public void RetrievalOptions_Defaults_Pinned()
    {
        var o = new RetrievalOptions();

        Assert.Equal((RetrievalMode.Hybrid, 8, 50, 10, 0.2, 1.0), (o.Mode, o.TopK, o.CandidatesPerSearch, o.RrfK, o.DenseWeight, o.KeywordWeight));
    }

    [Fact]
    public void AnswerOptions_Defaults_Pinned()
    {
        var o = new AnswerOptions();

        Assert.Equal((3, 0.38, 0.12, 400, 0.5), (o.MaxSentences, o.MinRelevance, o.RelativeMargin, o.MaxSnippetChars, o.TermWeight));
        Assert.Equal(20_000, o.SentenceCacheEntries);
    }

    [Fact]
    public void RetrievalOptions_ZeroTopK_FailsValidationNamingTheKey()
    {
        var results = new List<ValidationResult>();
        var options = new RetrievalOptions { TopK = 0 };

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RetrievalOptions.TopK)));
    }
}
