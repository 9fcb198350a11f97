using Rag.Web;
using Rag.Web.Hosting;

try
{
    await using var app = RagWebApplication.Create(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.InvalidConfiguration(ex) is { } failures)
{
    // A bad setting stops start-up with the key and the reason, not a stack trace.
    await Console.Error.WriteLineAsync("error: invalid configuration: " + string.Join("; ", failures));
    return 1;
}
