using Rag.Core.Ingestion;
using Rag.Storage.Queue;
using Rag.Testing.Contracts;

namespace Rag.Storage.Tests;

/// <summary>The job store contract against <see cref="SqliteIngestJobStore"/>: each queue is a rag.db in a temporary directory, opened once per instance.</summary>
public sealed class SqliteIngestJobStoreContractTests : IngestJobStoreContract
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("rag-queue-");

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<IIngestJobStore> OpenAsync(string queue, int maxAttempts, TimeProvider time) =>
        Task.Run<IIngestJobStore>(() => SqliteIngestJobStore.Open(Path.Combine(_root.FullName, queue), maxAttempts, time));
}
