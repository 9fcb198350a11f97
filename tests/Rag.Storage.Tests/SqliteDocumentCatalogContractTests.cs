using Rag.Core.Storage;
using Rag.Testing.Contracts;

namespace Rag.Storage.Tests;

/// <summary>The catalog contract against <see cref="SqliteDocumentCatalog"/> (rag.db).</summary>
public sealed class SqliteDocumentCatalogContractTests : DocumentCatalogContract
{
    private readonly SqliteStoreFixture _stores = new();

    public override Task DisposeAsync() => _stores.CloseAsync();

    protected override async Task<IDocumentCatalog> CreateCatalogAsync() => (await _stores.OpenNewAsync()).Catalog;
}
