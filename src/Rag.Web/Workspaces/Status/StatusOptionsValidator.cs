using Microsoft.Extensions.Options;

namespace Rag.Web.Workspaces.Status;

/// <summary>Checks <see cref="StatusOptions"/> at start-up; each failure names its key.</summary>
internal sealed class StatusOptionsValidator : IValidateOptions<StatusOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusOptions options)
    {
        var failures = new List<string>();
        if (options.EgressBucket < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{StatusOptions.SectionName}:EgressBucket must be at least 1 minute (got {options.EgressBucket}).");
        }
        else if (options.EgressWindow < options.EgressBucket || options.EgressWindow.Ticks / options.EgressBucket.Ticks > StatusOptions.MaxBuckets)
        {
            failures.Add($"{StatusOptions.SectionName}:EgressWindow must hold between 1 and {StatusOptions.MaxBuckets} buckets of {options.EgressBucket} (got {options.EgressWindow}).");
        }

        if (options.RateWindow < TimeSpan.FromMinutes(1) || options.RateWindow > TimeSpan.FromDays(1))
        {
            failures.Add($"{StatusOptions.SectionName}:RateWindow must be between 1 minute and 1 day (got {options.RateWindow}).");
        }

        if (options.LiveWorkerWithin < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{StatusOptions.SectionName}:LiveWorkerWithin must be at least 5 seconds (got {options.LiveWorkerWithin}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
