using Rag.Cli;
using Rag.Ingest.Sandbox;

// Started as a parser child (the ingest pipeline starting this host in its parse mode): parse, answer, exit.
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
return await RagCommandLine.RunAsync(args, context, cancellation.Token);
