using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rag.Audit;
using Rag.Audit.Export;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;
using Rag.Core.Storage;
using Rag.Web.E2E.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Rag.Web.E2E.Audit;

/// <summary>
/// The compliance officer's path through /audit in a real browser: a question asked through the app's own question
/// service (over a document indexed with the app's embedder) is found by filtering the log, opened with its retrieved
/// chunks by title and file name, exported as a zip that verifies, and the log verified; only the app's origin is
/// contacted and axe finds no serious issue.
/// </summary>
public sealed class AuditWorkspaceTests(WebAppFixture app, BrowserFixture browser) : IClassFixture<WebAppFixture>, IClassFixture<BrowserFixture>
{
    private const string Asker = "local:e2e-asker";
    private const string Question = "What is the hotel allowance per night?";

    // Test classes run in parallel on a shared machine: a circuit round trip can take longer than Playwright's 5 s default.
    private const float SlowMs = 30_000;

    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = SlowMs };

    [Fact]
    public async Task AuditPage_ComplianceOfficer_FindsTheQuestionWithItsChunksExportsItAndTheExportVerifies()
    {
        await IndexTravelPolicyAsync();
        var answer = await AskAsync();
        Assert.True(answer.FoundRelevant, "The question found nothing, so there are no retrieved chunks to show.");

        await using var context = await browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var guard = OriginGuard.Watch(page, app.BaseAddress);
        await SignInSteps.SignInAsync(page, app.Compliance, "/audit");
        await page.GotoAsync("audit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit", Level = 1 })).ToBeVisibleAsync();
        await Interactive.WaitAsync(page, guard, TimeSpan.FromSeconds(30));
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync(Slow); // the grid's first page has loaded

        // Filter the log to the asker's questions.
        await page.GetByLabel("User id").FillAsync(Asker);
        await page.GetByLabel("Action").SelectOptionAsync(AuditActions.QuestionAsked);
        await ApplyFilterAsync(page);
        var row = page.Locator("table tbody tr", new() { HasText = Asker });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = SlowMs });
        await Expect(page.GetByTestId("audit-total")).ToHaveTextAsync("1");

        // Open it: the question, its retrieved chunks by title and file name, the answer.
        await row.GetByRole(AriaRole.Button, new() { Name = "Show question" }).ClickAsync();
        var story = page.GetByTestId("audit-question");
        await Expect(story.GetByTestId("audit-question-text")).ToHaveTextAsync(Question, new() { Timeout = SlowMs });
        var sources = story.GetByTestId("audit-sources");
        await Expect(sources).ToContainTextAsync("Travel Policy");
        await Expect(sources).ToContainTextAsync("travel-policy.md");
        await Expect(sources).ToContainTextAsync("policies");
        await Expect(story.GetByTestId("audit-answer-text")).Not.ToBeEmptyAsync();

        // Export what the filter shows, as a person would: a download.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        Assert.EndsWith("-csv.zip", download.SuggestedFilename, StringComparison.Ordinal);
        var folder = Path.Combine(app.DataDirectory, "..", "download-" + Guid.NewGuid().ToString("N"));
        var zipPath = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(zipPath);
        await ZipFile.ExtractToDirectoryAsync(zipPath, folder);
        var data = Path.Combine(folder, "audit-export.csv");
        using (var key = app.Services.GetRequiredService<AuditKeyProvider>().GetVerificationKey())
        {
            var verification = await AuditExportVerifier.VerifyAsync(data, null, key);
            Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
            Assert.Equal(1, verification.Rows);
            Assert.Equal(Asker, verification.Manifest!.Filters.User);
        }

        Assert.Contains(Question, await File.ReadAllTextAsync(data, Encoding.UTF8), StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.EventsAsync(app, AuditActions.AuditExported), e => e.Actor.Id.EndsWith("compliance", StringComparison.Ordinal));

        // And the log as a whole verifies.
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByTestId("audit-verify-result")).ToContainTextAsync("Intact.", new() { Timeout = SlowMs });

        guard.AssertOnlyTheApp();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>Indexes one Markdown document into set <c>policies</c> (readable by team-b) with the app's own embedder and index.</summary>
    private async Task IndexTravelPolicyAsync()
    {
        var services = app.Services;
        var index = services.GetRequiredService<IDocumentIndex>();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        await index.EnsureModelAsync(services.GetRequiredService<EmbeddingModelInfo>());
        await index.UpsertDocumentSetAsync(new DocumentSet("policies", ["team-b"]));
        const string Text = "The hotel allowance is 135 EUR per night in every city. Receipts are required for every night.";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
        var documentId = DocumentIds.For("policies", "travel-policy.md");
        var chunk = new Chunk(ChunkIds.For(documentId, hash, 0), documentId, "policies", 0, Text, ["Travel Policy"], 0, 0, 0, Text.Length);
        var vector = (await embedder.GenerateAsync(["Travel Policy\n" + Text]))[0].Vector;
        await index.ReplaceDocumentAsync(
            new SourceDocument(documentId, "policies", "Travel Policy", "travel-policy.md", hash, "text/markdown", 0),
            [new EmbeddedChunk(chunk, vector)]);
    }

    /// <summary>Asks through the app's question service, as the Ask page and the API do (recorded with every audit record).</summary>
    private async Task<Answer> AskAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var questions = scope.ServiceProvider.GetRequiredService<QuestionService>();
        var actor = new AuditActor(Asker, "E2E asker", ["team-b"], ["Employee"]);
        return await questions.AskAsync(Question, new AccessScope(Asker, ["team-b"]), new AuditContext(actor, "127.0.0.1"));
    }

    /// <summary>
    /// Applies the filter and waits until the grid shows the one filtered record. Under the full suite's load a click
    /// that lands while the circuit is still busy with the first page has been seen to leave the grid unfiltered, so a
    /// second click is allowed (a person would click again); a filter that never applies still fails the test.
    /// </summary>
    private static async Task ApplyFilterAsync(IPage page)
    {
        var apply = page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" });
        var total = page.GetByTestId("audit-total");
        for (var attempt = 1; ; attempt++)
        {
            await apply.ClickAsync();
            try
            {
                await Expect(total).ToHaveTextAsync("1", new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
            }
        }
    }
}
