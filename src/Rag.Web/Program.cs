using Microsoft.Extensions.Options;
using Rag.Web;

try
{
    await using var app = RagWebApplication.Create(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A bad setting stops start-up with the key and the reason, not a stack trace.
    await Console.Error.WriteLineAsync("error: invalid configuration: " + string.Join("; ", ex.Failures));
    return 1;
}
