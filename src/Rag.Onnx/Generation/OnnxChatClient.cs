using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rag.Onnx.Generation;

/// <summary>
/// An in-process decoder-only chat model (Optimum / transformers.js ONNX export with a KV cache) behind
/// <see cref="IChatClient"/>. Greedy or seeded temperature/top-p sampling; stops on eos ids, the chat template's end
/// token, <see cref="ChatOptions.StopSequences"/> and the token limit. One generation runs at a time per instance;
/// concurrent calls wait their turn.
/// </summary>
public sealed class OnnxChatClient : IChatClient
{
    private readonly DecoderSession _session;
    private readonly HfTokenizer _tokenizer;
    private readonly HashSet<int> _stopIds;
    private readonly int? _maxPositions;
    private readonly int _defaultMaxNewTokens;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    /// <summary>Loads the model folder named by <paramref name="options"/>; errors name the file and what is wrong.</summary>
    /// <exception cref="ValidationException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or the model's inputs/outputs do not fit.</exception>
    public OnnxChatClient(OnnxChatClientOptions options, ILogger<OnnxChatClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var folder = ModelFolder.Resolve(options.ModelPath);
        ModelId = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        _tokenizer = HfTokenizer.Load(ModelFolder.Required(folder, "tokenizer.json"));
        var config = ModelConfig.Load(folder);
        var modelFile = ModelFolder.ModelFile(folder, options.ModelFile);
        Template = options.ChatTemplate != ChatTemplateKind.Auto
            ? options.ChatTemplate
            : ChatPromptRenderer.Detect(config.ChatTemplate, t => _tokenizer.TokenToId(t) is not null)
              ?? throw new InvalidDataException(
                  $"Chat model folder '{folder}': tokenizer_config.json's chat_template (or, without one, the special tokens) matches none of the built-in formats; " +
                  $"set {OnnxChatClientOptions.SectionName}:ChatTemplate to one of {string.Join(", ", Enum.GetNames<ChatTemplateKind>().Skip(1))}.");
        _stopIds = [.. config.EosIds];
        foreach (var token in ChatPromptRenderer.EndTokens(Template).Append(config.EosToken))
        {
            if (token is not null && _tokenizer.TokenToId(token) is { } id)
            {
                _stopIds.Add(id);
            }
        }

        _maxPositions = config.MaxPositions;
        _defaultMaxNewTokens = options.MaxNewTokens;
        _session = DecoderSession.Open(modelFile, options, config, _logger);
        Metadata = new ChatClientMetadata("onnx", new Uri(folder), ModelId);
        GenerationLog.ModelLoaded(_logger, ModelId, modelFile, _session.Layers, _session.CacheType, Template);
    }

    /// <summary>Provider "onnx", the model folder and the model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>The model id: the model folder's name.</summary>
    public string ModelId { get; }

    /// <summary>The prompt format in use (never <see cref="ChatTemplateKind.Auto"/>).</summary>
    public ChatTemplateKind Template { get; }

    internal HfTokenizer Tokenizer => _tokenizer;

    internal DecoderSession Session => _session;

    /// <summary>The prompt ids of <paramref name="messages"/>: special tokens only where the template put them, never from message text.</summary>
    internal List<int> EncodePrompt(IEnumerable<ChatMessage> messages) =>
        _tokenizer.Encode(ChatPromptRenderer.RenderPrompt(Template, messages));

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var promptIds = EncodePrompt(messages);
        var maxNew = MaxNewTokens(promptIds.Count, options?.MaxOutputTokens);
        var responseId = Guid.NewGuid().ToString("N");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loop = new GenerationLoop(_session, _tokenizer, _stopIds, options);
            foreach (var text in loop.Run(promptIds, maxNew, cancellationToken))
            {
                yield return Update(responseId, text);
                await Task.Yield();
            }

            GenerationLog.Generated(_logger, loop.OutputTokens, promptIds.Count, loop.FinishReason.Value);
            var usage = new UsageDetails
            {
                InputTokenCount = promptIds.Count,
                OutputTokenCount = loop.OutputTokens,
                TotalTokenCount = promptIds.Count + loop.OutputTokens,
            };
            var final = Update(responseId, null);
            final.Contents.Add(new UsageContent(usage));
            final.FinishReason = loop.FinishReason;
            yield return final;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    /// <remarks>Call it when no request is running (the host disposes singletons at shutdown, after requests end).</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
            _gate.Dispose();
        }
    }

    private int MaxNewTokens(int promptTokens, int? requested)
    {
        var maxNew = requested is > 0 ? requested.Value : _defaultMaxNewTokens;
        if (_maxPositions is { } limit)
        {
            if (promptTokens >= limit)
            {
                throw new InvalidOperationException(
                    $"The prompt has {promptTokens} tokens but model '{ModelId}' holds at most {limit} (max_position_embeddings); shorten the conversation or the context.");
            }

            maxNew = Math.Min(maxNew, limit - promptTokens);
        }

        return maxNew;
    }

    private ChatResponseUpdate Update(string responseId, string? text) =>
        new(ChatRole.Assistant, text)
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
}
