using Rag.Core.Answers;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Tests.Acceptance;

public sealed class FormatAnswerTests(FormatCollectionFixture collection) : IClassFixture<FormatCollectionFixture>
{
    [Fact]
    public void Ingest_EveryFormat_Indexed()
    {
        Assert.Equal(6, collection.Results.Count);
        Assert.All(collection.Results.Values, r => Assert.True(r.Status == IngestionStatus.Indexed, $"{r.Path}: {r.Status} {r.Reason}"));
    }

    [Fact]
    public async Task Ask_DocxFact_CitesTheDocx()
    {
        var answer = await collection.AskAsync("How much are hotel rooms in Oslo reimbursed per night?");

        var citation = TopCitation(answer, "travel-policy.docx");
        Assert.Equal("Travel Policy", citation.Title);
        Assert.Contains("180 euros", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_PptxFact_CitesTheSlide()
    {
        var answer = await collection.AskAsync("Where does the Bergen office move to?");

        var citation = TopCitation(answer, "all-hands.pptx");
        Assert.Equal(2, citation.Page);
        Assert.Contains("Strandkaien 12", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_XlsxFact_CitesTheWorkbook()
    {
        var answer = await collection.AskAsync("Where is the LaserJet 4200 printer?");

        var citation = TopCitation(answer, "inventory.xlsx");
        Assert.Contains("Location: third floor copy room", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Printers", citation.HeadingPath);
    }

    [Fact]
    public async Task Ask_CsvFact_CitesTheCsv()
    {
        var answer = await collection.AskAsync("How long is visitor parking free?");

        var citation = TopCitation(answer, "parking.csv");
        Assert.Contains("two hours", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EmlFact_CitesTheMessage()
    {
        var answer = await collection.AskAsync("When is the east lift closed for maintenance?");

        var citation = TopCitation(answer, "lift.eml");
        Assert.Equal("East lift closed", citation.Title);
        Assert.Contains("Tuesday 14 April", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_TextOnScannedPage_CitesPageTwo()
    {
        var answer = await collection.AskAsync("Where are lost badges replaced?");

        var citation = TopCitation(answer, "security.pdf");
        Assert.Equal(2, citation.Page);
        Assert.Contains("room 114", answer.Text, StringComparison.Ordinal);
    }

    private Citation TopCitation(Answer answer, string fileName)
    {
        Assert.True(answer.FoundRelevant, answer.Text);
        var expected = collection.Results[fileName].DocumentId;
        var citation = answer.Citations[0];
        Assert.True(citation.DocumentId == expected, $"first citation is {citation.DocumentId} ({citation.Title}), expected {expected}; answer: {answer.Text}");
        return citation;
    }
}
