using System.Text.Json.Nodes;
using Rag.Onnx.Generation;
using Rag.Testing;

namespace Rag.Onnx.Tests.Generation;

/// <summary>Llama-3 and Qwen2 write their word regex as a Split pre-tokenizer before ByteLevel(use_regex: false).</summary>
public sealed class SplitPreTokenizerTests
{
    private const string Llama3Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly Lazy<HfTokenizer> Llama3Style = new(Load);

    [Theory]
    [InlineData("Hello world, it's fine.")]
    [InlineData("Crème brûlée? Yes: 東京 😀!")]
    public void Encode_Llama3SplitRegex_MatchesGpt2RegexWhereTheyAgree(string text)
    {
        Assert.Equal(GenerationTestModels.SmolLm.Encode(text), Llama3Style.Value.Encode(text));
    }

    [Fact]
    public void Split_Llama3SplitRegex_GroupsDigitsByThreeInByteAlphabet()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(PreTokenizerJson().ToJsonString());
        var pre = PreTokenizer.Parse(doc.RootElement);

        var words = pre.Split("Year 1234567 ok");

        Assert.True(pre.ByteLevel);
        Assert.Equal(["Year", "Ġ", "123", "456", "7", "Ġok"], words);
    }

    [Theory]
    [InlineData("Isolated", new[] { "a", " ", "b", " ", "c" })]
    [InlineData("MergedWithPrevious", new[] { "a ", "b ", "c" })]
    [InlineData("MergedWithNext", new[] { "a", " b", " c" })]
    [InlineData("Removed", new[] { "a", "b", "c" })]
    public void Split_StringPatternBehaviors_CutAsHuggingFaceDoes(string behavior, string[] expected)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(
            $$"""{ "type": "Split", "pattern": { "String": " " }, "behavior": "{{behavior}}", "invert": false }""");

        Assert.Equal(expected, PreTokenizer.Parse(doc.RootElement).Split("a b c"));
    }

    private static HfTokenizer Load()
    {
        var source = Path.Combine(GenerationTestModels.Folder(GenerationTestModels.SmolLmTokenizer), "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        json["pre_tokenizer"] = PreTokenizerJson();
        json["model"]!["ignore_merges"] = true;
        using var dir = new TempDirectory();
        var path = dir.Combine("tokenizer.json");
        File.WriteAllText(path, json.ToJsonString());
        return HfTokenizer.Load(path);
    }

    private static JsonObject PreTokenizerJson() => new()
        {
            ["type"] = "Sequence",
            ["pretokenizers"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "Split",
                    ["pattern"] = new JsonObject { ["Regex"] = Llama3Pattern },
                    ["behavior"] = "Isolated",
                    ["invert"] = false,
                },
                new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = false }),
        };
}
