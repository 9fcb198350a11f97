using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rag.Cli.Models;

/// <summary>
/// Copies a manifest resource out of a .NET assembly file by reading its metadata (System.Reflection.Metadata),
/// never loading the assembly: no code of the package runs, whatever it contains.
/// </summary>
internal static class AssemblyResources
{
    /// <summary>Writes resource <paramref name="resourceName"/> of <paramref name="assemblyPath"/> to <paramref name="destination"/>.</summary>
    public static async Task CopyAsync(string assemblyPath, string resourceName, string destination, CancellationToken cancellationToken = default)
    {
        var (offset, length) = Locate(assemblyPath, resourceName);
        await using var input = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        input.Position = offset;
        await using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 20];
        var left = length;
        while (left > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new ModelInstallException($"Resource '{resourceName}' of '{assemblyPath}' is cut short ({left} of {length} bytes missing).");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            left -= read;
        }
    }

    /// <summary>File offset and length of the resource's bytes.</summary>
    public static (long Offset, long Length) Locate(string assemblyPath, string resourceName)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new ModelInstallException($"Assembly '{assemblyPath}' not found.");
        }

        using var stream = File.OpenRead(assemblyPath);
        try
        {
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
            {
                throw new ModelInstallException($"'{assemblyPath}' is not a .NET assembly.");
            }

            var metadata = pe.GetMetadataReader();
            var names = new List<string>();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                var name = metadata.GetString(resource.Name);
                names.Add(name);
                if (!string.Equals(name, resourceName, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!resource.Implementation.IsNil || !pe.PEHeaders.TryGetDirectoryOffset(cor.ResourcesDirectory, out var start))
                {
                    throw new ModelInstallException($"Resource '{resourceName}' is not embedded in '{assemblyPath}'.");
                }

                var at = start + resource.Offset;
                var header = new byte[4];
                stream.Position = at;
                stream.ReadExactly(header);
                long length = BitConverter.ToUInt32(header);
                if (at + 4 + length > stream.Length || cor.ResourcesDirectory.Size < resource.Offset + 4 + length)
                {
                    throw new ModelInstallException($"Resource '{resourceName}' of '{assemblyPath}' claims {length} bytes, more than the assembly holds.");
                }

                return (at + 4, length);
            }

            throw new ModelInstallException(
                $"Assembly '{assemblyPath}' has no resource '{resourceName}' (it has: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
        }
        catch (BadImageFormatException ex)
        {
            throw new ModelInstallException($"'{assemblyPath}' is not a readable .NET assembly: {ex.Message}", ex);
        }
    }
}
