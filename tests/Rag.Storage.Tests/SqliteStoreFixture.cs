using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Storage;

namespace Rag.Storage.Tests;

/// <summary>
/// Opens real SQLite stores, each in a new temporary directory, for the port contract suites; <see cref="CloseAsync"/>
/// (the suite's DisposeAsync) closes them and deletes the directories.
/// </summary>
internal sealed class SqliteStoreFixture
{
    private readonly List<(SqliteDocumentIndex Store, DirectoryInfo Directory)> _opened = [];

    /// <summary>A new, empty store in a directory of its own.</summary>
    public async Task<SqliteDocumentIndex> OpenNewAsync(KeywordAnalyzer analyzer = KeywordAnalyzer.English)
    {
        var directory = Directory.CreateTempSubdirectory("rag-store-");
        var store = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = directory.FullName, KeywordAnalyzer = analyzer }, NullLogger.Instance);
        _opened.Add((store, directory));
        return store;
    }

    public async Task CloseAsync()
    {
        foreach (var (store, directory) in _opened)
        {
            await store.DisposeAsync();
            directory.Delete(recursive: true);
        }

        _opened.Clear();
    }
}
