namespace Rag.Storage.Sqlite;

/// <summary>
/// The English stop words dropped from queries by the english analyzer: Lucene's <c>EnglishAnalyzer</c> default set,
/// which Elasticsearch's <c>english</c> analyzer (behind BEIR's published BM25 figures) uses too. Only queries lose them;
/// the index keeps every word, so a query made only of stop words ("The Who") still searches them.
/// </summary>
internal static class EnglishStopWords
{
    public static IReadOnlySet<string> Words { get; } = new HashSet<string>(
        [
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with",
        ],
        StringComparer.OrdinalIgnoreCase);
}
