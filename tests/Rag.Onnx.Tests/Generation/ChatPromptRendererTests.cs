using Microsoft.Extensions.AI;
using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class ChatPromptRendererTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, "Hi"),
        new(ChatRole.Assistant, "Hello."),
        new(ChatRole.User, "Capital of France?"),
    ];

    [Fact]
    public void Render_ChatMl_MatchesTemplateWithGenerationPrompt()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.ChatMl, Conversation);

        Assert.Equal(
            "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n" +
            "<|im_start|>user\nCapital of France?<|im_end|>\n<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_Llama2_FoldsSystemIntoFirstInstruction()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.Llama2, Conversation);

        Assert.Equal(
            "<s>[INST] <<SYS>>\nYou are terse.\n<</SYS>>\n\nHi [/INST] Hello. </s><s>[INST] Capital of France? [/INST]",
            text);
    }

    [Fact]
    public void Render_Llama2WithoutSystem_HasNoSysBlock()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.Llama2, [new(ChatRole.User, " Hi ")]);

        Assert.Equal("<s>[INST] Hi [/INST]", text);
    }

    [Fact]
    public void Render_Llama3_UsesHeadersAndEotTokens()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.Llama3, Conversation);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nCapital of France?<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n",
            text);
    }

    [Theory]
    [InlineData("{% for m in messages %}{{'<|im_start|>' + m['role'] }}{% endfor %}", ChatTemplateKind.ChatMl)]
    [InlineData("{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>' }}", ChatTemplateKind.Llama3)]
    [InlineData("{{ bos_token + '[INST] ' + content + ' [/INST]' }}", ChatTemplateKind.Llama2)]
    public void Detect_ChatTemplateText_PicksFormat(string template, ChatTemplateKind expected)
    {
        Assert.Equal(expected, ChatPromptRenderer.Detect(template, _ => false));
    }

    [Theory]
    [InlineData("{{ '<start_of_turn>' + role + '\n' }}", ChatTemplateKind.Gemma)]
    [InlineData("{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{{ '<|assistant|>\n' }}", ChatTemplateKind.Phi3)]
    public void Detect_PhiAndGemmaTemplates_PickFormat(string template, ChatTemplateKind expected)
    {
        Assert.Equal(expected, ChatPromptRenderer.Detect(template, _ => false));
    }

    [Theory]
    [InlineData("<|im_start|>", ChatTemplateKind.ChatMl)]
    [InlineData("<|start_header_id|>", ChatTemplateKind.Llama3)]
    [InlineData("<start_of_turn>", ChatTemplateKind.Gemma)]
    [InlineData("<|assistant|>", ChatTemplateKind.Phi3)]
    public void Detect_NoTemplate_UsesSpecialTokens(string token, ChatTemplateKind expected)
    {
        Assert.Equal(expected, ChatPromptRenderer.Detect(null, t => t == token));
    }

    [Fact]
    public void Detect_UnknownTemplate_ReturnsNullEvenWhenTokensWouldMatch()
    {
        Assert.Null(ChatPromptRenderer.Detect("{{ '<|custom|>' + message['content'] }}", t => t == "<|im_start|>"));
        Assert.Null(ChatPromptRenderer.Detect(null, _ => false));
    }

    [Fact]
    public void Render_Phi3_UsesRoleTagsAndEnd()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.Phi3, Conversation);

        Assert.Equal(
            "<|system|>\nYou are terse.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello.<|end|>\n" +
            "<|user|>\nCapital of France?<|end|>\n<|assistant|>\n",
            text);
    }

    [Fact]
    public void Render_Gemma_FoldsSystemIntoFirstUserTurnAndNamesAssistantModel()
    {
        var text = ChatPromptRenderer.Render(ChatTemplateKind.Gemma, Conversation);

        Assert.Equal(
            "<bos><start_of_turn>user\nYou are terse.\n\nHi<end_of_turn>\n<start_of_turn>model\nHello.<end_of_turn>\n" +
            "<start_of_turn>user\nCapital of France?<end_of_turn>\n<start_of_turn>model\n",
            text);
    }

    [Fact]
    public void Detect_SharedModelFolders_MatchTheirTokenizerConfig()
    {
        // The tiny Llama's tokenizer_config.json carries the Llama-2 template; SmolLM's the ChatML one.
        using var llama = new OnnxChatClient(GenerationTestModels.Options(GenerationTestModels.Fp32Gqa));
        var smolLm = ModelConfig.Load(GenerationTestModels.Folder(GenerationTestModels.SmolLmTokenizer));

        var smolLmKind = ChatPromptRenderer.Detect(smolLm.ChatTemplate, t => GenerationTestModels.SmolLm.TokenToId(t) is not null);

        Assert.Equal(ChatTemplateKind.Llama2, llama.Template);
        Assert.Equal(ChatTemplateKind.ChatMl, smolLmKind);
        Assert.Equal([2], smolLm.EosIds);
        Assert.Equal(2048, smolLm.MaxPositions);
        Assert.Equal(5, smolLm.KeyValueHeads);
        Assert.Equal(64, smolLm.HeadDim);
    }
}
