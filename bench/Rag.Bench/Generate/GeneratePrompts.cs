using Microsoft.Extensions.AI;

namespace Rag.Bench.Generate;

/// <summary>
/// Benchmark prompts of a given length: one user turn asking about a handbook passage, cut word by word so that the
/// rendered, encoded chat prompt is as long as possible without exceeding the target (the passage repeats for long targets).
/// </summary>
public static class GeneratePrompts
{
    private const string Question = "Explain this passage:\n\n";

    private const string Passage =
        "New employees receive a laptop on their first day from the IT service desk on the second floor. Before connecting " +
        "to the office network, install the WireGuard client from the software portal and sign in with your company account. " +
        "Choose the Berlin gateway when you work from the office and the nearest regional gateway when you travel. The guest " +
        "Wi-Fi is separate: visitors ask reception for a voucher that is valid for one day. Printers appear automatically once " +
        "the laptop has joined the network; if one is missing, restart the print service or call extension 4400. Passwords " +
        "expire every ninety days, and the portal reminds you a week before. Lost or stolen devices must be reported within " +
        "an hour, so that the device can be locked remotely and its certificates revoked before anyone misuses them.";

    /// <summary>
    /// Messages whose prompt (as <paramref name="encode"/> renders and tokenizes it) has at most
    /// <paramref name="targetTokens"/> tokens, and as many as the passage's words allow; at least one word is kept.
    /// </summary>
    public static (IReadOnlyList<ChatMessage> Messages, IReadOnlyList<int> Ids) Build(Func<IEnumerable<ChatMessage>, IReadOnlyList<int>> encode, int targetTokens)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetTokens);
        var passage = Passage.Split(' ');

        // Every word is at least one token, so targetTokens words are always enough.
        var words = Enumerable.Range(0, targetTokens).Select(i => passage[i % passage.Length]).ToArray();
        int low = 1, high = words.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (encode(Messages(words, middle)).Count <= targetTokens)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var messages = Messages(words, low);
        return (messages, encode(messages));
    }

    private static ChatMessage[] Messages(string[] words, int count) =>
        [new ChatMessage(ChatRole.User, Question + string.Join(' ', words, 0, count))];
}
