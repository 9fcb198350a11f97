using Rag.Bench;
using Rag.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var context = new CliContext(Console.Out, Console.Error, Console.In, RagPaths.FromEnvironment());
return await BenchCommandLine.RunAsync(args, context, cancellation.Token);
