using System.Text.Json.Nodes;
using Rag.Onnx.Generation;
using Rag.Testing;

namespace Rag.Onnx.Tests.Generation;

/// <summary>Newer Llama-2-style tokenizer.json files use a Metaspace pre-tokenizer instead of Prepend/Replace normalizers.</summary>
public sealed class MetaspaceTokenizerTests
{
    // Not for text that starts with a space: Metaspace prepends ▁ only when the text does not already start with one.
    [Theory]
    [InlineData("Hello world")]
    [InlineData("Crème brûlée 東京 😀 end")]
    [InlineData("two  spaces ")]
    public void Encode_MetaspaceAlwaysWithoutSplit_MatchesLegacyNormalizerForm(string text)
    {
        var metaspace = Rewrite("always", split: false);

        var ids = metaspace.Encode(text, addSpecialTokens: true);

        Assert.Equal(GenerationTestModels.Llama.Encode(text, addSpecialTokens: true), ids);
        Assert.Equal(text, metaspace.Decode(ids));
    }

    [Fact]
    public void Encode_MetaspaceFirst_DoesNotPrependAfterSpecialToken()
    {
        var metaspace = Rewrite("first", split: true);
        var llama = GenerationTestModels.Llama;

        var ids = metaspace.Encode("Hi</s>there");

        Assert.Equal([.. llama.Encode("Hi"), 2, llama.TokenToId("there")!.Value], ids);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), HfTokenizer> Rewritten = new();

    private static HfTokenizer Rewrite(string prependScheme, bool split) =>
        Rewritten.GetOrAdd((prependScheme, split), key => Load(key.Item1, key.Item2));

    private static HfTokenizer Load(string prependScheme, bool split)
    {
        var source = Path.Combine(GenerationTestModels.Folder(GenerationTestModels.Fp16), "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        json["normalizer"] = null;
        json["pre_tokenizer"] = new JsonObject
        {
            ["type"] = "Metaspace",
            ["replacement"] = "▁",
            ["prepend_scheme"] = prependScheme,
            ["split"] = split,
        };
        json["decoder"] = new JsonObject { ["type"] = "Sequence", ["decoders"] = new JsonArray(
            new JsonObject { ["type"] = "Metaspace", ["replacement"] = "▁", ["prepend_scheme"] = prependScheme, ["split"] = split },
            new JsonObject { ["type"] = "ByteFallback" },
            new JsonObject { ["type"] = "Fuse" }) };
        using var dir = new TempDirectory();
        var path = dir.Combine("tokenizer.json");
        File.WriteAllText(path, json.ToJsonString());
        return HfTokenizer.Load(path);
    }
}
