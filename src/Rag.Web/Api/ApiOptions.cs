using System.ComponentModel.DataAnnotations;

namespace Rag.Web.Api;

/// <summary>Settings of the OpenAI-compatible API (configuration section <c>Rag:Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Rag:Api";

    /// <summary>The one model the API offers (GET /v1/models) and accepts in requests. Default <c>rag</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Rag:Api:ModelId is required: the model name clients send (e.g. rag).")]
    public string ModelId { get; set; } = "rag";

    /// <summary>The keys that may call the API. None configured: every request is refused.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>Largest request body, in bytes; larger gets 413. Default 1 MiB.</summary>
    [Range(1024, 64L * 1024 * 1024, ErrorMessage = "Rag:Api:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest question (the last user message), in characters; longer gets 400. Default 4000.</summary>
    [Range(1, 100_000, ErrorMessage = "Rag:Api:MaxQuestionChars must be between 1 and 100000.")]
    public int MaxQuestionChars { get; set; } = 4000;

    /// <summary>Most messages in one request (system messages included); more gets 400. Default 64.</summary>
    [Range(1, 10_000, ErrorMessage = "Rag:Api:MaxMessages must be between 1 and 10000.")]
    public int MaxMessages { get; set; } = 64;

    /// <summary>Length of the window in which refused sign-ins are counted per client address. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Rag:Api:DeniedSignInWindow must be between 00:00:01 and 1.00:00:00 (a TimeSpan, e.g. 00:01:00).")]
    public TimeSpan DeniedSignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refused sign-ins of one client address recorded one by one per window; the rest go into one summary record with their count. Default 10.</summary>
    [Range(0, 10_000, ErrorMessage = "Rag:Api:DeniedSignInsRecordedPerAddress must be between 0 and 10000.")]
    public int DeniedSignInsRecordedPerAddress { get; set; } = 10;

    /// <summary>Refused sign-ins of all addresses together recorded one by one per window (many addresses at once). Default 200.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Rag:Api:DeniedSignInsRecordedPerWindow must be between 0 and 1000000.")]
    public int DeniedSignInsRecordedPerWindow { get; set; } = 200;
}
