using System.Diagnostics;
using System.Runtime.Versioning;
using Rag.Ingest.Pipeline;
using Rag.Testing;

namespace Rag.Ingest.Tests.Pipeline;

// Named pipes, capabilities and Unix modes: the walk's Linux path (the one servers run).
[SupportedOSPlatform("linux")]
public sealed class FileEnumeratorTests
{
    [Fact]
    public void Expand_UnreadableFolder_ListedWithReasonAndTheRestRead()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("ok.txt"), "readable");
        var locked = temp.Combine("locked");
        Directory.CreateDirectory(locked);
        File.WriteAllText(Path.Combine(locked, "inside.txt"), "not readable");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var listing = WithoutFilePermissionOverride.Run(() => FileEnumerator.Expand([temp.Path]));

            Assert.Equal(["ok.txt"], listing.Files.Select(f => f.RelativePath));
            var skipped = Assert.Single(listing.Skipped);
            Assert.Equal(locked, skipped.Path);
            Assert.Equal("folder could not be read: permission denied", skipped.Reason);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Expand_NestedFolders_ListsRegularFilesInOrdinalOrderWithRelativePaths()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("b", "c"));
        File.WriteAllText(temp.Combine("b", "c", "d.txt"), "d");
        File.WriteAllText(temp.Combine("B.txt"), "B");
        File.WriteAllText(temp.Combine("a.txt"), "a");

        var listing = FileEnumerator.Expand([temp.Path]);

        Assert.Equal(["B.txt", "a.txt", "b/c/d.txt"], listing.Files.Select(f => f.RelativePath));
        Assert.Empty(listing.Skipped);
    }

    [Fact]
    public async Task OpenListedRegularFile_SwappedForNamedPipeAfterListing_FailsWithoutHanging()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("report.txt");
        await File.WriteAllTextAsync(path, "listed as a regular file");
        var listed = Assert.Single(FileEnumerator.Expand([temp.Path]).Files);
        File.Delete(path);
        await MakeFifoAsync(path);

        var open = Task.Run(() => FileSystemNative.OpenListedRegularFile(path, listed.Status, 4096));

        var error = await Assert.ThrowsAsync<IOException>(() => open.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("changed into a named pipe (FIFO) after it was listed", error.Message);
    }

    [Fact]
    public async Task OpenListedRegularFile_SwappedForLinkAfterListing_Refused()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("docs", "report.txt");
        Directory.CreateDirectory(temp.Combine("docs"));
        await File.WriteAllTextAsync(path, "listed as a regular file");
        var outside = temp.Combine("secret.txt");
        await File.WriteAllTextAsync(outside, "a file outside the ingested folder");
        var listed = Assert.Single(FileEnumerator.Expand([temp.Combine("docs")]).Files);
        File.Delete(path);
        File.CreateSymbolicLink(path, outside);

        var error = Assert.Throws<IOException>(() => FileSystemNative.OpenListedRegularFile(path, listed.Status, 4096));

        Assert.Equal("replaced by another file after it was listed", error.Message);
    }

    [Fact]
    public async Task OpenListedRegularFile_UnchangedFile_ReadsIt()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("report.txt");
        await File.WriteAllTextAsync(path, "still the same file");
        var listed = Assert.Single(FileEnumerator.Expand([temp.Path]).Files);

        await using var stream = FileSystemNative.OpenListedRegularFile(path, listed.Status, 4096);
        using var reader = new StreamReader(stream);

        Assert.Equal("still the same file", await reader.ReadToEndAsync());
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false }) ?? throw new InvalidOperationException("mkfifo did not start");
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
