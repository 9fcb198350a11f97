using Rag.Core.Storage;
using Rag.Testing.Contracts;

namespace Rag.Storage.Tests;

/// <summary>The keyword index contract against <see cref="SqliteKeywordIndex"/> (FTS5 in rag.db).</summary>
public sealed class SqliteKeywordIndexContractTests : KeywordIndexContract
{
    private readonly SqliteStoreFixture _stores = new();

    public override Task DisposeAsync() => _stores.CloseAsync();

    protected override async Task<IKeywordIndex> CreateIndexAsync(KeywordAnalyzer analyzer) => (await _stores.OpenNewAsync(analyzer)).Keywords;
}
