using Rag.Testing;
using Rag.Web.Workspaces.Status;

namespace Rag.Web.Tests.Workspaces.Status;

public sealed class DataDirectorySizesTests
{
    [Fact]
    public void Measure_DatabasesFoldersAndOtherFiles_GroupedWithoutFollowingLinks()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Combine("rag.db"), new byte[100]);
        File.WriteAllBytes(temp.Combine("rag.db-wal"), new byte[30]);
        File.WriteAllBytes(temp.Combine("rag.db-shm"), new byte[7]);
        File.WriteAllBytes(temp.Combine("accounts.db"), new byte[11]);
        File.WriteAllBytes(temp.Combine("audit-checkpoints.jsonl"), new byte[5]);
        Directory.CreateDirectory(temp.Combine("uploads", "set-a"));
        File.WriteAllBytes(temp.Combine("uploads", "set-a", "x.pdf"), new byte[40]);
        File.WriteAllBytes(temp.Combine("uploads", "y.pdf"), new byte[2]);
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.Combine("big.bin"), new byte[5000]);
        File.CreateSymbolicLink(temp.Combine("linked.db"), outside.Combine("big.bin"));
        Directory.CreateSymbolicLink(temp.Combine("uploads", "linked"), outside.Path);

        var sizes = DataDirectorySizes.Measure(temp.Path).ToDictionary(s => s.Name);

        Assert.Equal(["accounts.db", "rag.db", "uploads/", DataDirectorySizes.OtherFiles], sizes.Keys);
        Assert.Equal((137L, 3), (sizes["rag.db"].Bytes, sizes["rag.db"].Files));
        Assert.Equal((42L, 2), (sizes["uploads/"].Bytes, sizes["uploads/"].Files));
        Assert.Equal(5L, sizes[DataDirectorySizes.OtherFiles].Bytes);
    }

    [Fact]
    public void Measure_MissingDirectory_Empty() => Assert.Empty(DataDirectorySizes.Measure(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
}
