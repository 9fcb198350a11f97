using System.Text;
using Rag.Core.Documents;

namespace Rag.Bench.Query;

/// <summary>
/// Deterministic synthetic chunks: random unit vectors (Gaussian components, normalised, so uniform on the sphere)
/// and text of pseudo-words drawn from a Zipf distribution over a fixed vocabulary, so full-text search sees a
/// realistic mix of common and rare terms. Documents hold between a minimum and a maximum number of chunks.
/// </summary>
public sealed class SyntheticCorpus
{
    /// <summary>The document set every synthetic document belongs to.</summary>
    public const string SetName = "bench";

    private const int VocabularySize = 20_000;
    private const int MinWords = 60;
    private const int MaxWords = 100;
    private static readonly string[] s_syllables =
    [
        "ka", "lo", "mi", "ren", "tas", "vo", "qui", "del", "sur", "ba", "no", "fen", "gri", "hal", "jo", "pex",
        "ru", "sta", "tor", "ul", "vin", "wex", "yo", "zan", "cor", "dra", "em", "fi", "gol", "hu", "ix", "lum",
    ];

    private readonly Random _random;
    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private readonly int _dimensions;
    private readonly int _minChunks;
    private readonly int _maxChunks;

    /// <summary>Creates the generator; the same arguments yield the same sequence.</summary>
    public SyntheticCorpus(int seed, int dimensions, int minChunksPerDocument, int maxChunksPerDocument)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minChunksPerDocument);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunksPerDocument, minChunksPerDocument);
        _random = new Random(seed);
        _dimensions = dimensions;
        _minChunks = minChunksPerDocument;
        _maxChunks = maxChunksPerDocument;
        _vocabulary = BuildVocabulary(VocabularySize);
        _cumulative = new double[VocabularySize];
        var sum = 0d;
        for (var rank = 0; rank < VocabularySize; rank++)
        {
            sum += 1d / (rank + 1);
            _cumulative[rank] = sum;
        }
    }

    /// <summary>Documents generated so far.</summary>
    public int Documents { get; private set; }

    /// <summary>Pseudo-word of Zipf rank <paramref name="rank"/> (0 = most frequent).</summary>
    public string Word(int rank) => _vocabulary[rank];

    /// <summary>
    /// The next document with at most <paramref name="maxChunks"/> chunks; each chunk's unit vector is also written to
    /// <paramref name="vectorSink"/> in order (the bare-scan copy).
    /// </summary>
    public (SourceDocument Document, List<EmbeddedChunk> Chunks) NextDocument(int maxChunks, Span<float> vectorSink)
    {
        var number = Documents++;
        var documentId = "bench-" + number.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var title = "Synthetic report " + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + _vocabulary[_random.Next(100, 2000)];
        var count = Math.Min(maxChunks, _random.Next(_minChunks, _maxChunks + 1));
        var document = new SourceDocument(documentId, SetName, title, documentId + ".txt", number.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), "text/plain", 0);
        var chunks = new List<EmbeddedChunk>(count);
        var offset = 0;
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            var text = NextText();
            var vector = new float[_dimensions];
            NextUnitVector(vector);
            vector.CopyTo(vectorSink.Slice(i * _dimensions, _dimensions));
            _random.NextBytes(id);
            var chunk = new Chunk(new Guid(id), documentId, SetName, i, text, ["Section " + (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture)], 0, 0, offset, offset + text.Length);
            offset += text.Length + 1;
            chunks.Add(new EmbeddedChunk(chunk, vector));
        }

        return (document, chunks);
    }

    /// <summary>A keyword query of two to four words, skipping the most frequent (stop-word-like) ranks.</summary>
    public string NextQueryText()
    {
        var words = _random.Next(2, 5);
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            int rank;
            do
            {
                rank = NextRank();
            }
            while (rank < 50);
            text.Append(i == 0 ? string.Empty : " ").Append(_vocabulary[rank]);
        }

        return text.ToString();
    }

    /// <summary>Fills <paramref name="vector"/> with a uniformly random unit vector.</summary>
    public void NextUnitVector(Span<float> vector)
    {
        for (var i = 0; i < vector.Length; i += 2)
        {
            // Box-Muller: two independent standard normals per pair of uniforms.
            var u1 = 1d - _random.NextDouble();
            var u2 = _random.NextDouble();
            var radius = Math.Sqrt(-2d * Math.Log(u1));
            vector[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < vector.Length)
            {
                vector[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }

    private string NextText()
    {
        var words = _random.Next(MinWords, MaxWords + 1);
        var text = new StringBuilder(words * 8);
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(_vocabulary[NextRank()]);
        }

        return text.Append('.').ToString();
    }

    private int NextRank()
    {
        var target = _random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    private static string[] BuildVocabulary(int size)
    {
        // Words of two to four syllables; distinct by construction (mixed-radix numbering of the syllables).
        var words = new string[size];
        for (var i = 0; i < size; i++)
        {
            var word = new StringBuilder();
            var n = i;
            do
            {
                word.Append(s_syllables[n % s_syllables.Length]);
                n /= s_syllables.Length;
            }
            while (n > 0);
            if (word.Length < 4)
            {
                word.Append("ta");
            }

            words[i] = word.ToString();
        }

        return words;
    }
}
