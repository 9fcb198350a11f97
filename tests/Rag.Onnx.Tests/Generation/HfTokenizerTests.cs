using System.Text;
using System.Text.Json;
using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class HfTokenizerTests
{
    public static TheoryData<string> RoundTripTexts => new()
    {
        "Hello world",
        "  leading spaces, trailing  ",
        "line one\nline two\r\n\ttab",
        "Numbers 2024 and 3.14159!",
        "Crème brûlée à la façon de Noël",
        "Größe, Ärger, Œuvre, ñandú",
        "東京は日本の首都です。中文测试",
        "Emoji 😀👍🏽 and 🇫🇷 flags",
        "mixed: naïve café 東京 🚀 done",
    };

    [Fact]
    public void Encode_LlamaHelloWorldWithBos_MatchesReferenceIds()
    {
        var ids = GenerationTestModels.Llama.Encode("Hello world", addSpecialTokens: true);

        Assert.Equal([1, 15043, 3186], ids);
    }

    [Fact]
    public void Encode_LlamaWithoutSpecialTokens_HasNoBos()
    {
        var ids = GenerationTestModels.Llama.Encode("Hello world");

        Assert.Equal([15043, 3186], ids);
    }

    [Fact]
    public void Encode_LlamaEmoji_UsesByteFallbackTokens()
    {
        var tokenizer = GenerationTestModels.Llama;

        var ids = tokenizer.Encode("😀");

        // ▁ then the four UTF-8 bytes F0 9F 98 80 as <0xNN> tokens.
        Assert.Equal(["▁", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>"], ids.Select(tokenizer.IdToToken));
    }

    [Fact]
    public void Encode_SmolLmHelloWorld_IsHelloThenSpaceWorld()
    {
        var vocab = SmolLmVocab();

        var ids = GenerationTestModels.SmolLm.Encode("Hello world");

        Assert.Equal([vocab["Hello"], vocab["Ġworld"]], ids);
    }

    [Fact]
    public void Encode_SmolLmDigits_AreSplitIndividually()
    {
        var vocab = SmolLmVocab();

        var ids = GenerationTestModels.SmolLm.Encode("2024");

        Assert.Equal([vocab["2"], vocab["0"], vocab["2"], vocab["4"]], ids);
    }

    [Fact]
    public void Encode_SmolLmSpecialTokens_MapToSingleIds()
    {
        var vocab = SmolLmVocab();

        var ids = GenerationTestModels.SmolLm.Encode("<|im_start|>user\nHi<|im_end|>");

        Assert.Equal([1, vocab["user"], vocab["Ċ"], vocab["Hi"], 2], ids);
    }

    [Fact]
    public void Encode_LlamaSpecialTokenInText_MapsToSingleId()
    {
        var ids = GenerationTestModels.Llama.Encode("</s>");

        Assert.Equal([2], ids);
    }

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void Decode_LlamaEncodedText_RoundTrips(string text)
    {
        var tokenizer = GenerationTestModels.Llama;

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text, addSpecialTokens: true)));
    }

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void Decode_SmolLmEncodedText_RoundTrips(string text)
    {
        var tokenizer = GenerationTestModels.SmolLm;

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Theory]
    [InlineData("Hello world, this is a test of the tokenizer.")]
    [InlineData("Crème brûlée 東京 😀👍🏽 end")]
    [InlineData("  spaces   and\n\nnewlines\t2024")]
    public void Encode_SmolLm_MatchesMicrosoftMlTokenizersByteLevelBpe(string text)
    {
        var library = LibraryByteLevelTokenizer.Value;

        // The library has no Digits pre-tokenizer, so compare digit-free pieces word by word through its own regex.
        var withoutDigits = new string([.. text.Where(c => !char.IsDigit(c))]);

        Assert.Equal(library.EncodeToIds(withoutDigits), GenerationTestModels.SmolLm.Encode(withoutDigits));
    }

    [Theory]
    [InlineData("Crème brûlée 東京 😀👍🏽")]
    [InlineData("🇫🇷🚀ü")]
    public void StreamingDecoder_OneTokenAtATime_NeverEmitsHalfACharacter(string text)
    {
        foreach (var tokenizer in new[] { GenerationTestModels.Llama, GenerationTestModels.SmolLm })
        {
            var decoder = new StreamingTextDecoder(tokenizer);
            var pieces = tokenizer.Encode(text).Select(decoder.Append).Append(decoder.Flush()).ToList();

            Assert.Equal(text, string.Concat(pieces));
            Assert.All(pieces, p => Assert.DoesNotContain('\uFFFD', p));
            Assert.All(pieces, p => Assert.True(p.Length == 0 || (!char.IsHighSurrogate(p[^1]) && !char.IsLowSurrogate(p[0])), $"split surrogate in '{p}'"));
            // Multi-byte characters really were split across tokens, so the test exercises the hold-back.
            Assert.Contains(pieces, p => p.Length == 0);
        }
    }

    private static readonly Lazy<Microsoft.ML.Tokenizers.BpeTokenizer> LibraryByteLevelTokenizer = new(() =>
    {
        var folder = GenerationTestModels.Folder(GenerationTestModels.SmolLmTokenizer);
        var options = new Microsoft.ML.Tokenizers.BpeOptions(Path.Combine(folder, "vocab.json"), Path.Combine(folder, "merges.txt"))
        {
            ByteLevel = true,
            PreTokenizer = new Microsoft.ML.Tokenizers.RegexPreTokenizer(
                new System.Text.RegularExpressions.Regex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"),
                null),
        };
        return Microsoft.ML.Tokenizers.BpeTokenizer.Create(options);
    });

    private static Dictionary<string, int> SmolLmVocab()
    {
        var path = Path.Combine(GenerationTestModels.Folder(GenerationTestModels.SmolLmTokenizer), "vocab.json");
        return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path, Encoding.UTF8))!;
    }
}
