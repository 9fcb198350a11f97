namespace Rag.Bench.Generate;

/// <summary>One timed run of one path.</summary>
/// <param name="FirstTokenSeconds">From the call to the first token (the client: its first text).</param>
/// <param name="TotalSeconds">From the call to the last token.</param>
/// <param name="DecodeTokens">Tokens generated after the first one timed.</param>
/// <param name="AllocatedBytes">Managed bytes the process allocated meanwhile.</param>
internal readonly record struct GenerateSample(double FirstTokenSeconds, double TotalSeconds, int DecodeTokens, long AllocatedBytes);
