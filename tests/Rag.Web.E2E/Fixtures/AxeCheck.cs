using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Rag.Web.E2E.Fixtures;

/// <summary>Runs axe-core on the page and fails on any serious or critical accessibility violation, naming each.</summary>
public static class AxeCheck
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")
            .ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious/critical issue(s) on {page.Url}:\n{string.Join('\n', serious)}");
    }
}
