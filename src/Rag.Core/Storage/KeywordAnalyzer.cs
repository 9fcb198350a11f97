namespace Rag.Core.Storage;

/// <summary>How a keyword index turns text into terms (the same for the indexed chunks and the query).</summary>
public enum KeywordAnalyzer
{
    /// <summary>
    /// English: words folded to lower case without diacritics, then reduced to their Porter stem ("reduces",
    /// "reduced" and "reduction" → "reduc"), and English stop words ("the", "of", "is") dropped from queries. The
    /// analyzer behind the published BM25 figures (BEIR's Elasticsearch runs use its <c>english</c> analyzer).
    /// </summary>
    English = 0,

    /// <summary>
    /// Language-neutral: words folded to lower case without diacritics, nothing else. For collections that are not
    /// mostly English, where an English stemmer would merge unrelated words and English stop words are real words.
    /// </summary>
    Simple = 1,
}
