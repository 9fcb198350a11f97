using System.Globalization;
using Microsoft.Extensions.Options;
using Rag.Ingest.Readers;

namespace Rag.Web.Workspaces.Documents;

/// <summary>Checks what data annotations cannot: the total limit holds a whole file, and every allowed extension has a reader.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxTotalBytes < options.MaxFileBytes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Rag:Web:Uploads:MaxTotalBytes ({options.MaxTotalBytes}) must be at least Rag:Web:Uploads:MaxFileBytes ({options.MaxFileBytes}), so one file of the largest size fits."));
        }

        var supported = DocumentReaderRegistry.CreateDefault().SupportedExtensions;
        for (var i = 0; i < options.AllowedExtensions.Count; i++)
        {
            var extension = options.AllowedExtensions[i];
            if (!supported.Contains(UploadTypes.Canonical(extension), StringComparer.Ordinal))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Rag:Web:Uploads:AllowedExtensions:{i} '{extension}' is not a type the ingestion readers read; use some of: {string.Join(", ", supported)}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
