using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rag.Bench.Query;
using Rag.Cli;
using Rag.Cli.Commands;
using Rag.Evaluation.Reporting;
using Rag.Web;
using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Bench.Web;

/// <summary>
/// The loopback load test of the web app: the real app (in this process, on 127.0.0.1 and a free port, over a fresh
/// data directory holding the samples), N local users created through <see cref="LocalAccounts"/>, each signed in
/// through the sign-in page in its own browser context of one headless Chromium, all asking at once on the Ask page
/// as a person does (type, Enter, read). Measures time to the first answer text and to the finished answer, and the
/// server's memory per connected user. Bounded by user count, questions per user and one time limit.
/// </summary>
internal static class WebBenchmark
{
    private const int ErrorsKept = 10;

    public static async Task<WebBenchResult> RunAsync(CliContext context, WebBenchOptions options, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        var clock = Stopwatch.StartNew();
        var directory = Path.Combine(Path.GetTempPath(), "rag-bench-web-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var paths = context.Paths with { DataDirectory = Path.Combine(directory, "data") };
            await IngestSamplesAsync(context, paths, progress, limit.Token);
            await using var app = RagWebApplication.Create(["--urls", "http://127.0.0.1:0"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rag:Storage:DataDirectory"] = paths.DataDirectory,
                ["Rag:Embedding:ModelsDirectory"] = paths.ModelsDirectory,
                ["Rag:Web:Accounts:InitialAdminPassword"] = NewPassword(),
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            await app.StartAsync(limit.Token);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
            progress.Report($"app on {address}; creating {options.Users} users");
            var users = await CreateUsersAsync(app, options.Users, limit.Token);
            var result = await DriveAsync(address, users, options, progress, limit.Token);
            await app.StopAsync(CancellationToken.None);
            return result with { Seconds = clock.Elapsed.TotalSeconds };
        }
        finally
        {
            ScratchDirectory.TryDelete(directory);
        }
    }

    private static async Task IngestSamplesAsync(CliContext context, RagPaths paths, IProgress<string> progress, CancellationToken cancellationToken)
    {
        progress.Report("ingesting the samples");
        var quiet = new CliContext(TextWriter.Null, context.Error, TextReader.Null, paths, context.ConfigurationOverrides, "bench");
        await using var services = RagServices.Build(paths, context.ConfigurationOverrides);
        foreach (var request in SampleDocuments.Requests(quiet, "bench"))
        {
            await IngestCommand.RunAsync(quiet, services, request, cancellationToken);
        }
    }

    private static async Task<List<(string Name, string Password)>> CreateUsersAsync(WebApplication app, int count, CancellationToken cancellationToken)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, RagRoles.Admin)], "bench"));
        var users = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            using var scope = app.Services.CreateScope();
            var name = $"bench-user-{i:000}";
            var password = NewPassword();
            var created = await scope.ServiceProvider.GetRequiredService<LocalAccounts>().CreateUserAsync(admin, name, password, [RagRoles.Employee], ["employees"], cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"could not create {name}: {string.Join("; ", created.Errors)}");
            }

            users.Add((name, password));
        }

        return users;
    }

    private static async Task<WebBenchResult> DriveAsync(string address, List<(string Name, string Password)> users, WebBenchOptions options, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox", "--disable-dev-shm-usage"] : ["--disable-dev-shm-usage"],
        });
        var foreign = 0;
        var errors = new ConcurrentQueue<string>();
        var before = Measure();
        progress.Report($"signing in {users.Count} users");
        var pages = new IPage?[users.Count];
        using (var gate = new SemaphoreSlim(options.SignInConcurrency))
        {
            await Task.WhenAll(users.Select(async (user, i) =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var browserContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
                    var page = await browserContext.NewPageAsync();
                    page.Request += (_, request) =>
                    {
                        if (!request.Url.StartsWith(address, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref foreign);
                        }
                    };
                    await SignInAsync(page, user.Name, user.Password);
                    pages[i] = page;
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    Keep(errors, $"{user.Name}: sign-in: {ex.Message}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var connected = Measure();
        var ready = pages.OfType<IPage>().ToList();
        progress.Report($"{ready.Count} users on the Ask page; asking {options.QuestionsPerUser} question(s) each, all at once");
        var firstToken = new ConcurrentBag<double>();
        var done = new ConcurrentBag<double>();
        int answered = 0, nothingFound = 0, failed = users.Count - ready.Count;
        await Task.WhenAll(ready.Select((page, u) => Task.Run(async () =>
        {
            for (var q = 0; q < options.QuestionsPerUser; q++)
            {
                var question = AskPageProtocol.Questions[(u + q) % AskPageProtocol.Questions.Length];
                try
                {
                    var (first, finished, state) = await AskAsync(page, q, question, cancellationToken);
                    firstToken.Add(first);
                    done.Add(finished);
                    if (state == "notfound")
                    {
                        Interlocked.Increment(ref nothingFound);
                    }
                    else if (state == "error")
                    {
                        Interlocked.Increment(ref failed);
                        Keep(errors, $"user {u}: the page showed an error");
                        return;
                    }

                    Interlocked.Increment(ref answered);
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException or OperationCanceledException)
                {
                    Interlocked.Add(ref failed, options.QuestionsPerUser - q);
                    Keep(errors, $"user {u}, question {q}: {ex.Message}");
                    return;
                }
            }
        }, CancellationToken.None)));

        var after = Measure();
        var memory = new WebMemory(before.WorkingSet, before.Heap, connected.WorkingSet, connected.Heap, after.WorkingSet, after.Heap, ready.Count);
        return new WebBenchResult(
            RunEnvironment.Capture(null),
            ready.Count,
            options.QuestionsPerUser,
            firstToken.IsEmpty ? null : LatencySummary.Of(firstToken.ToArray()),
            done.IsEmpty ? null : LatencySummary.Of(done.ToArray()),
            answered,
            nothingFound,
            failed,
            foreign,
            memory,
            0,
            [.. errors]);
    }

    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("account/signin?returnUrl=%2F");
        await page.FillAsync("#username", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        // Prerendered first, then interactive: the send button is enabled only once the circuit is up.
        await page.WaitForSelectorAsync(AskPageProtocol.InteractiveSend, new PageWaitForSelectorOptions { Timeout = 120_000 });
    }

    private static async Task<(double FirstMs, double DoneMs, string State)> AskAsync(IPage page, int turn, string question, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await page.FillAsync(AskPageProtocol.Question, question);
        var clock = Stopwatch.StartNew();
        await page.PressAsync(AskPageProtocol.Question, "Enter");
        var wait = new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = 180_000 };
        await page.WaitForFunctionAsync(AskPageProtocol.FirstToken, turn, wait);
        var first = clock.Elapsed.TotalMilliseconds;
        var state = await page.WaitForFunctionAsync(AskPageProtocol.Finished, turn, wait);
        var finished = clock.Elapsed.TotalMilliseconds;
        return (first, finished, await state.JsonValueAsync<string>());
    }

    private static (long WorkingSet, long Heap) Measure()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, heap);
    }

    private static void Keep(ConcurrentQueue<string> errors, string error)
    {
        if (errors.Count < ErrorsKept)
        {
            errors.Enqueue(error);
        }
    }

    private static string NewPassword() => "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + "a!";
}
