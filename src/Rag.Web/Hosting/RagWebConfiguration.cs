using Microsoft.Extensions.Configuration.Memory;

namespace Rag.Web.Hosting;

/// <summary>The web app's own configuration defaults, below every other source (Rag.Hosting adds the shared ones).</summary>
internal static class RagWebConfiguration
{
    /// <summary>
    /// Adds, at the lowest precedence, quiet per-request logging (information, but ASP.NET Core's and EF Core's own only from
    /// warnings); the RAG_CONFIG file, appsettings, environment variables and the command line still win.
    /// </summary>
    public static void AddLoggingDefaults(ConfigurationManager configuration)
    {
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                // Not every SQL command of the accounts database.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });
    }
}
