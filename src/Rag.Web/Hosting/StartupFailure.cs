using Microsoft.Extensions.Options;

namespace Rag.Web.Hosting;

/// <summary>Tells a bad setting apart from a bug when start-up fails.</summary>
internal static class StartupFailure
{
    /// <summary>
    /// Every configuration failure in <paramref name="exception"/> (one <see cref="OptionsValidationException"/>, or the
    /// <see cref="AggregateException"/> start-up validation throws when several option types are wrong at once); null
    /// when it is anything else, which keeps its stack trace.
    /// </summary>
    public static IReadOnlyList<string>? InvalidConfiguration(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures).Distinct(StringComparer.Ordinal)],
        _ => null,
    };
}
