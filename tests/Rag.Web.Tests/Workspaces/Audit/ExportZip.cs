using System.IO.Compression;

namespace Rag.Web.Tests.Workspaces.Audit;

/// <summary>Unpacks a downloaded export zip into a folder and names its data file and manifest.</summary>
internal static class ExportZip
{
    public static async Task<(string Data, string Manifest)> ExtractAsync(Stream zip, string folder)
    {
        Directory.CreateDirectory(folder);
        await ZipFile.ExtractToDirectoryAsync(zip, folder);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        var manifest = Assert.Single(files, f => f!.EndsWith(".manifest.json", StringComparison.Ordinal));
        var data = Assert.Single(files, f => f != manifest);
        return (Path.Combine(folder, data!), Path.Combine(folder, manifest!));
    }
}
