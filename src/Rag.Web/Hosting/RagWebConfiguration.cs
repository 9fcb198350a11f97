using Microsoft.Extensions.Configuration.Memory;

namespace Rag.Web.Hosting;

/// <summary>The configuration sources the web app adds below ASP.NET Core's own (appsettings, environment, command line).</summary>
internal static class RagWebConfiguration
{
    /// <summary>
    /// Adds, at the lowest precedence, the default paths and quiet per-request logging, then the optional RAG_CONFIG
    /// JSON file (as the command line reads it); environment variables such as <c>Rag__Api__ModelId</c> still win.
    /// </summary>
    public static void AddDefaults(ConfigurationManager configuration)
    {
        var paths = Rag.Core.Hosting.RagPaths.FromEnvironment();
        var defaults = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Rag:Storage:DataDirectory"] = paths.DataDirectory,
                ["Rag:Embedding:ModelsDirectory"] = paths.ModelsDirectory,
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        };
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        sources.Insert(0, defaults);
        if (Environment.GetEnvironmentVariable("RAG_CONFIG") is { Length: > 0 } file)
        {
            var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = Path.GetFullPath(file), Optional = false };
            json.ResolveFileProvider();
            sources.Insert(1, json);
        }
    }
}
