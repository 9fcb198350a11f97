using Microsoft.Extensions.Hosting;
using Rag.Ingest.Sandbox;
using Rag.Ingest.Worker;

// Started as a parser child (this worker starting itself in its parse mode): parse, answer, exit.
if (await ParseChild.RunIfRequestedAsync(args) is { } parseChildExit)
{
    return parseChildExit;
}

try
{
    using var host = WorkerHost.Create(args);
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (WorkerHost.Describe(ex) is { } message)
{
    // A bad setting (or a provider named that this machine lacks) stops start-up with the key and the reason.
    await Console.Error.WriteLineAsync("error: " + message);
    return 1;
}
