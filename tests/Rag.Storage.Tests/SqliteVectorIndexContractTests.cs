using Rag.Core.Storage;
using Rag.Testing.Contracts;

namespace Rag.Storage.Tests;

/// <summary>The vector index contract against <see cref="SqliteVectorIndex"/> (the in-memory matrix over rag.db).</summary>
public sealed class SqliteVectorIndexContractTests : VectorIndexContract
{
    private readonly SqliteStoreFixture _stores = new();

    public override Task DisposeAsync() => _stores.CloseAsync();

    protected override async Task<IVectorIndex> CreateIndexAsync() => (await _stores.OpenNewAsync()).Vectors;
}
