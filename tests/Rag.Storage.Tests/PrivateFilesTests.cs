using Rag.Testing;

namespace Rag.Storage.Tests;

/// <summary>The data directory and the files in it are the owner's only (modes checked on Unix; Windows has ACLs).</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Open_NewDataDirectory_DatabaseAndItsWalAndShmFilesAreOwnerOnlyWhileOpen()
    {
        var data = _temp.Combine("nested", "data");

        using var index = SqliteDocumentIndex.Open(new StorageOptions { DataDirectory = data });

        var files = Directory.EnumerateFiles(data).ToList();
        Assert.Contains(index.DatabasePath + "-wal", files);
        Assert.Contains(index.DatabasePath + "-shm", files);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            foreach (var file in files)
            {
                Assert.True(File.GetUnixFileMode(file) == Private, $"{file}: {File.GetUnixFileMode(file)}");
            }

            // Only the data directory itself is made private: its parents are created as any folder would be.
            Assert.NotEqual(PrivateDirectory, File.GetUnixFileMode(_temp.Combine("nested")));
        }
    }

    [Fact]
    public void EnsureDirectory_ExistingLooseDirectoryAndFiles_AreTightenedExceptPublicKeys()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        var database = Path.Combine(data, "rag.db");
        var publicKey = Path.Combine(data, "audit-signing-key.pub.pem");
        File.WriteAllText(database, string.Empty);
        File.WriteAllText(publicKey, "public");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data, PrivateDirectory | OpenToOthers | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(database, Private | OpenToOthers | UnixFileMode.OtherWrite);
            File.SetUnixFileMode(publicKey, Private | OpenToOthers);
        }

        PrivateFiles.EnsureDirectory(data);

        Assert.True(File.Exists(database));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            Assert.Equal(Private, File.GetUnixFileMode(database));
            Assert.Equal(Private | OpenToOthers, File.GetUnixFileMode(publicKey));
        }
    }

    [Fact]
    public void EnsureDatabase_PathIsInsideAFile_ThrowsIOException()
    {
        var blocked = _temp.Combine("not-a-directory");
        File.WriteAllText(blocked, "x");

        Assert.ThrowsAny<IOException>(() => PrivateFiles.EnsureDatabase(Path.Combine(blocked, "rag.db")));
    }

    public void Dispose() => _temp.Dispose();
}
