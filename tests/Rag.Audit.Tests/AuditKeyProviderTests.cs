using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit;
using Rag.Testing;
using Rag.Storage;

namespace Rag.Audit.Tests;

public sealed class AuditKeyProviderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task GetSigningKey_ProvidersOnANewDataDirectoryAtOnce_AllUseTheOneKeyWritten()
    {
        // Like the web app and the command line starting together on a new data directory: each generates a key, one
        // is written, and the others must load that one instead of failing on the existing file or reading it half-written.
        for (var round = 0; round < 20; round++)
        {
            var directory = _temp.Combine("round-" + round);
            var providers = Enumerable.Range(0, 4).Select(_ => Provider(directory)).ToList();
            using var start = new Barrier(providers.Count);
            var keys = new AuditKey[providers.Count];
            var errors = new Exception?[providers.Count];
            var threads = providers.Select((p, i) => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    keys[i] = p.GetSigningKey();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                    errors[i] = ex;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.All(errors, e => Assert.True(e is null, e?.ToString()));

            using var written = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(directory, AuditKeyProvider.DefaultKeyFileName)));
            using var published = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(directory, AuditKeyProvider.DefaultPublicKeyFileName)));
            Assert.All(keys, k => Assert.Equal(written.KeyId, k.KeyId));
            Assert.Equal(written.KeyId, published.KeyId);
            Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
            providers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public void WriteKeyPair_ExistingFile_IsNeverReplaced()
    {
        var path = _temp.Combine("keys", "signing.pem");
        using var first = AuditKey.Generate();
        using var second = AuditKey.Generate();
        AuditKeyProvider.WriteKeyPair(first, path);

        Assert.ThrowsAny<IOException>(() => AuditKeyProvider.WriteKeyPair(second, path));

        using var kept = AuditKey.FromPem(File.ReadAllText(path));
        Assert.Equal(first.KeyId, kept.KeyId);
        Assert.True(kept.CanSign);
        Assert.Equal(2, Directory.GetFiles(_temp.Combine("keys")).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    public void Dispose() => _temp.Dispose();

    private static AuditKeyProvider Provider(string dataDirectory) =>
        new(Options.Create(new AuditOptions()), Options.Create(new StorageOptions { DataDirectory = dataDirectory }), NullLogger<AuditKeyProvider>.Instance);
}
