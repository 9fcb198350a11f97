namespace Rag.Bench.Web;

/// <summary>What <c>rag bench web</c> runs.</summary>
/// <param name="Users">Signed-in users, each in its own browser context (own cookies, own Blazor circuit).</param>
/// <param name="QuestionsPerUser">Questions each user asks, one after the other; all users ask at the same time.</param>
/// <param name="Chromium">The Chromium executable Playwright drives (Debian's; nothing is downloaded).</param>
/// <param name="Timeout">The whole run's limit; a question not answered by then counts as failed.</param>
/// <param name="SignInConcurrency">Users signing in at once (sign-in is not what is measured).</param>
public sealed record WebBenchOptions(int Users, int QuestionsPerUser, string Chromium, TimeSpan Timeout, int SignInConcurrency = 8)
{
    public const int MaxUsers = 200;
    public const int MaxQuestionsPerUser = 20;
}
