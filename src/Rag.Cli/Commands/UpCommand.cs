using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Models;
using Rag.Cli.Up;
using Rag.Ingest.Worker;

namespace Rag.Cli.Commands;

/// <summary>
/// <c>rag up [--urls URL]</c>: installs the default models, queues the sample documents, starts the ingestion worker
/// host and the web app as child processes, prints the address, and runs until Ctrl+C or SIGTERM, then stops both
/// children (SIGTERM, then a kill after a grace period) before it exits: no child outlives it. A port already in use
/// is refused before anything starts.
/// </summary>
internal static class UpCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Address the web app serves on (one URL).", DefaultValueFactory = _ => DefaultUrl };
        var command = new Command("up", "Install models, queue the sample documents, start the ingestion worker and the web app, and run until stopped (Ctrl+C).") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var address = ListenAddress.Parse(parse.GetValue(urls)!);
            address.EnsureFree();
            var webApp = HostApps.Web(context.Paths);
            var workerApp = HostApps.Worker(context.Paths);
            var manifest = ModelManifest.Load(context.Paths.ModelManifest);
            await ModelsCommand.InstallAsync(context, ModelsCommand.Select(manifest, [], all: false), cancellationToken);

            var user = CliUser.Resolve(context);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            await AuditCli.RecordConfigurationAsync(services, user.Actor(AuditCli.Roles), cancellationToken);
            foreach (var request in SampleDocuments.Requests(context, user.ActorId))
            {
                IngestCommand.PrintQueued(context, await services.GetRequiredService<IngestJobEnqueuer>().EnqueueAsync(request, cancellationToken));
            }

            await AuditCli.PrintTrustAnchorAsync(context, services);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
            var environment = ChildEnvironment(context);
            await using var worker = ServerProcess.Start("worker", workerApp, [], environment, context.Output);
            await using var web = ServerProcess.Start("web", webApp, ["--urls", address.Url.GetLeftPart(UriPartial.Authority)], environment, context.Output);
            using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient();
            return await RunAsync(context, address, http, web, worker, stop.Token);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ListenAddress address, HttpClient http, ServerProcess web, ServerProcess worker, CancellationToken stop)
    {
        var failure = await ReadyAsync(address, http, web, worker, stop);
        if (failure is null)
        {
            Say(context, string.Empty);
            Say(context, $"Rag is up: {address.Url}   (web app pid {web.Id}, ingestion worker pid {worker.Id}, data in {context.Paths.DataDirectory})");
            Say(context, "The first start prints the first admin's sign-in above (web | ...). Stop with Ctrl+C.");
            var ended = await Task.WhenAny(web.Exited, worker.Exited, Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => 0, TaskScheduler.Default));
            if (ended == web.Exited || ended == worker.Exited)
            {
                var child = ended == web.Exited ? web : worker;
                failure = $"{child.Name} (pid {child.Id}) stopped by itself with exit code {await child.Exited}; its output is above.";
            }
        }

        Say(context, "rag up: stopping the web app and the worker...");
        var codes = await Task.WhenAll(web.StopAsync(StopGrace), worker.StopAsync(StopGrace));
        Say(context, $"rag up: stopped (web app exit code {codes[0]}, worker exit code {codes[1]}).");
        if (failure is not null)
        {
            await context.Error.WriteLineAsync("error: " + failure);
            return RagCommandLine.ExitError;
        }

        return RagCommandLine.ExitOk;
    }

    /// <summary>Null once the web app answers its health check; otherwise why it never did (a child ended, or the time ran out).</summary>
    private static async Task<string?> ReadyAsync(ListenAddress address, HttpClient http, ServerProcess web, ServerProcess worker, CancellationToken stop)
    {
        var health = new UriBuilder(address.Url) { Host = address.Url.Host is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : address.Url.Host, Path = "/healthz" }.Uri;
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (!stop.IsCancellationRequested)
        {
            foreach (var child in new[] { web, worker }.Where(c => c.Exited.IsCompleted))
            {
                return $"{child.Name} stopped during start-up with exit code {await child.Exited}; its output is above.";
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return $"the web app did not answer {health} within {StartTimeout.TotalMinutes:0} minutes; its output is above.";
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(health, attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private const string FirstAdminGroupVariable = "Rag__Web__Accounts__InitialAdminGroups__0";

    /// <summary>The children see the same data directory, models and settings as this command line.</summary>
    private static Dictionary<string, string> ChildEnvironment(CliContext context)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RAG_HOME"] = context.Paths.Home,
            ["RAG_DATA"] = context.Paths.DataDirectory,
            ["RAG_MODELS"] = context.Paths.ModelsDirectory,
            ["RAG_MODEL_MANIFEST"] = context.Paths.ModelManifest,
            ["ORT_DISABLE_TELEMETRY"] = "1",
        };

        // The demo's first admin reads the handbook as its employees do (set your own with Rag__Web__Accounts__InitialAdminGroups__0).
        if (Environment.GetEnvironmentVariable(FirstAdminGroupVariable) is null)
        {
            environment[FirstAdminGroupVariable] = "employees";
        }

        foreach (var (key, value) in context.ConfigurationOverrides ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        return environment;
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        // rag up stops its children itself before it exits, instead of the runtime ending it at once.
        signal.Cancel = true;
        stop.Cancel();
    }

    private static void Say(CliContext context, string line) => ServerProcess.WriteLine(context.Output, line);
}
