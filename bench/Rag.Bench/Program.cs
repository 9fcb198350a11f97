using Rag.Bench;
using Rag.Cli;
using Rag.Ingest.Sandbox;

// The ingest benchmark parses in child processes as the product does: this host is started in its parse mode.
if (await ParseChild.RunIfRequestedAsync(args) is { } parseChildExit)
{
    return parseChildExit;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var context = new CliContext(Console.Out, Console.Error, Console.In, RagPaths.FromEnvironment());
return await BenchCommandLine.RunAsync(args, context, cancellation.Token);
