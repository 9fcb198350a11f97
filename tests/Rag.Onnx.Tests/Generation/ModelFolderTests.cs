using System.ComponentModel.DataAnnotations;
using Rag.Onnx.Generation;
using Rag.Testing;

namespace Rag.Onnx.Tests.Generation;

public sealed class ModelFolderTests
{
    [Fact]
    public void Ctor_MissingFolder_NamesTheFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<DirectoryNotFoundException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = missing }));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoModelPath_FailsValidation()
    {
        var ex = Assert.Throws<ValidationException>(() => new OnnxChatClient(new OnnxChatClientOptions()));

        Assert.Contains("ModelPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MaxNewTokensOutOfRange_FailsValidation()
    {
        var options = GenerationTestModels.Options(GenerationTestModels.Fp16);
        options.MaxNewTokens = 0;

        var ex = Assert.Throws<ValidationException>(() => new OnnxChatClient(options));

        Assert.Contains("MaxNewTokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoTokenizerJson_NamesTheMissingFile()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path }));

        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MalformedTokenizerJson_NamesTheFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("tokenizer.json"), "{ not json");

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path }));

        Assert.Contains(dir.Combine("tokenizer.json"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoOnnxFile_SaysWhatWasLookedFor()
    {
        using var dir = CopyTokenizerOnly();

        var ex = Assert.Throws<FileNotFoundException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path }));

        Assert.Contains("onnx/model.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFile_SeveralCandidates_ListsThem()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("onnx"));
        File.WriteAllText(dir.Combine("onnx", "model_fp16.onnx"), string.Empty);
        File.WriteAllText(dir.Combine("onnx", "model_q4.onnx"), string.Empty);

        var ex = Assert.Throws<InvalidOperationException>(() => ModelFolder.ModelFile(dir.Path, null));

        Assert.Contains("onnx/model_fp16.onnx, onnx/model_q4.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ModelFile", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFile_OnnxModelOnnxPresent_IsPreferred()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("onnx"));
        File.WriteAllText(dir.Combine("onnx", "model.onnx"), string.Empty);
        File.WriteAllText(dir.Combine("onnx", "model_q4.onnx"), string.Empty);

        Assert.Equal(dir.Combine("onnx", "model.onnx"), ModelFolder.ModelFile(dir.Path, null));
    }

    [Fact]
    public void ModelFile_ExplicitFileMissing_ListsCandidates()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("onnx"));
        File.WriteAllText(dir.Combine("onnx", "model_q4.onnx"), string.Empty);

        var ex = Assert.Throws<FileNotFoundException>(() => ModelFolder.ModelFile(dir.Path, "onnx/model_fp16.onnx"));

        Assert.Contains("onnx/model_q4.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_CorruptOnnxFile_WrapsRuntimeErrorWithFileName()
    {
        using var dir = CopyTokenizerOnly();
        Directory.CreateDirectory(dir.Combine("onnx"));
        File.WriteAllText(dir.Combine("onnx", "model.onnx"), "not a model");
        var options = new OnnxChatClientOptions { ModelPath = dir.Path, ChatTemplate = ChatTemplateKind.Llama2 };

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxChatClient(options));

        Assert.Contains(dir.Combine("onnx", "model.onnx"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ConfigDisagreesWithModel_NamesTheMismatch()
    {
        using var dir = new TempDirectory();
        var source = GenerationTestModels.Folder(GenerationTestModels.Fp32Gqa);
        foreach (var name in new[] { "tokenizer.json", "tokenizer_config.json", "model.onnx", "model.onnx.data" })
        {
            File.Copy(Path.Combine(source, name), dir.Combine(name));
        }

        File.WriteAllText(dir.Combine("config.json"), """{ "num_hidden_layers": 4, "num_attention_heads": 1, "hidden_size": 16 }""");

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path }));

        Assert.Contains("num_hidden_layers = 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_UnknownChatTemplateWithAuto_AsksForExplicitChoice()
    {
        using var dir = new TempDirectory();
        var source = GenerationTestModels.Folder(GenerationTestModels.Fp32Gqa);
        foreach (var name in new[] { "tokenizer.json", "model.onnx", "model.onnx.data" })
        {
            File.Copy(Path.Combine(source, name), dir.Combine(name));
        }

        File.WriteAllText(dir.Combine("tokenizer_config.json"), """{ "chat_template": "{{ '<|custom|>' + message['content'] }}" }""");

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path }));
        using var explicitChoice = new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path, ChatTemplate = ChatTemplateKind.Llama2 });

        Assert.Contains("Rag:Generation:Onnx:ChatTemplate", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ChatTemplateKind.Llama2, explicitChoice.Template);
    }

    private static TempDirectory CopyTokenizerOnly()
    {
        var dir = new TempDirectory();
        File.Copy(Path.Combine(GenerationTestModels.Folder(GenerationTestModels.Fp16), "tokenizer.json"), dir.Combine("tokenizer.json"));
        return dir;
    }
}
