using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Rag.Hosting;

/// <summary>The two configuration sources Rag puts below a host's own: the default paths, then the RAG_CONFIG file.</summary>
internal static class RagConfigurationSources
{
    /// <summary>The variable (or key) naming the optional JSON configuration file.</summary>
    public const string ConfigFileKey = "RAG_CONFIG";

    public static void Insert(IConfigurationManager configuration, RagPaths paths)
    {
        // Read before the inserts: the host's own sources (environment, command line) say where the file is.
        var file = configuration[ConfigFileKey];
        IList<IConfigurationSource> sources = configuration.Sources;
        sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Rag:Storage:DataDirectory"] = paths.DataDirectory,
                ["Rag:Embedding:ModelsDirectory"] = paths.ModelsDirectory,
            },
        });
        if (file is { Length: > 0 })
        {
            var json = new JsonConfigurationSource { Path = Path.GetFullPath(file), Optional = false };
            json.ResolveFileProvider();
            sources.Insert(1, json);
        }
    }
}
