using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

/// <summary>
/// Sentence selection over the sample handbook's own text. The embedder is a fake that gives every text the same
/// vector, so the dense score ties and what is tested is the rest of the selection: the question's words, what is
/// never quoted, and which neighbours belong to the answer.
/// </summary>
public sealed class ExtractiveAnswererTests
{
    private const string ExpensePage =
        "Expense Claims\nBusiness expenses are reimbursed when they are necessary, reasonable and approved in\n" +
        "advance by your manager. Submit each claim in the expense tool within 30 days, with a photo\nof the receipt.\n" +
        "Train travel in second class is the default for trips under four hours. Hotel costs are reimbursed\n" +
        "up to 150 euros per night, or 200 euros per night in Paris, London and Amsterdam.";

    private static readonly ExtractiveAnswerer Answerer = new(new ConstantEmbedderFake(), Options.Create(new AnswerOptions()));

    [Fact]
    public async Task AnswerAsync_SentenceHoldingTheQuestionsWords_IsTheOneSentenceQuoted()
    {
        var answer = await Answerer.AnswerAsync("How much are hotel costs reimbursed per night?", [Hit(ExpensePage)]);

        Assert.Equal("Hotel costs are reimbursed up to 150 euros per night, or 200 euros per night in Paris, London and Amsterdam. [1]", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_HeadingGluedToTheFirstSentence_HeadingNotQuoted()
    {
        var answer = await Answerer.AnswerAsync("Which business expense claims are reimbursed?", [Hit(ExpensePage)]);

        Assert.StartsWith("Business expenses are reimbursed when", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Expense Claims", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_LeadInWithTheQuestionsWords_NotQuoted()
    {
        const string Text = "Screen lock times for each company laptop and phone:\n\nWindows laptops and MacBooks lock the screen after 5 minutes.";

        var answer = await Answerer.AnswerAsync("What are the screen lock times for a company laptop and phone?", [Hit(Text)]);

        Assert.Equal("Windows laptops and MacBooks lock the screen after 5 minutes. [1]", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_ChunkStartsMidSentence_FragmentNotQuoted()
    {
        const string Text = "by the last person out of the kitchen at 18:00 every evening. The kitchen on the second floor has free coffee, tea and fruit.";

        var answer = await Answerer.AnswerAsync("When is the kitchen dishwasher started every evening?", [Hit(Text)]);

        Assert.Equal("The kitchen on the second floor has free coffee, tea and fruit. [1]", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_NextSentenceContinuesWithAPronoun_IsKeptAndUnrelatedOnesAreNot()
    {
        const string Text = "All company laptops use full-disk encryption: BitLocker on Windows and FileVault on macOS. " +
            "It is enabled by IT before a laptop is handed out. Private devices may only access email and chat through the managed mobile app.";

        var answer = await Answerer.AnswerAsync("Which disk encryption do company laptops use?", [Hit(Text)]);

        Assert.Equal("All company laptops use full-disk encryption: BitLocker on Windows and FileVault on macOS. [1] It is enabled by IT before a laptop is handed out. [1]", answer.Text);
    }

    [Fact]
    public async Task AnswerAsync_AnswerInTheSecondChunk_CitesThatChunkAndItsPage()
    {
        var first = Hit("Remote Work\nEmployees may work remotely up to three days per week after their probation period.", page: 3);
        var second = Hit(ExpensePage, page: 4);

        var answer = await Answerer.AnswerAsync("How much are hotel costs reimbursed per night?", [first, second]);

        var citation = Assert.Single(answer.Citations);
        Assert.Equal(second.Chunk.Id, citation.ChunkId);
        Assert.Equal(4, citation.Page);
    }

    [Fact]
    public async Task AnswerAsync_FollowUpSearchedWithItsTopic_QuotesWhatTheFollowUpAsks()
    {
        const string Text = "Every full-time employee receives 27 days of paid annual leave per calendar year. " +
            "Your manager approves or declines a request within five working days.";

        var answer = await Answerer.AnswerAsync("How many days of annual leave do I get? Who approves that?", "Who approves that?", [Hit(Text)]);

        Assert.StartsWith("Your manager approves", answer.Text, StringComparison.Ordinal);
    }

    private static RetrievedChunk Hit(string text, int page = 1)
    {
        var chunk = new Chunk(Guid.NewGuid(), "handbook-" + page, "handbook", 0, text, ["Northwind Labs Employee Handbook"], page, page, 0, text.Length);
        return new RetrievedChunk(chunk, "Northwind Labs Employee Handbook", 0.1, 1, 1) { DenseSimilarity = 0.6 };
    }
}
