namespace Rag.Egress.Tests.Scanning;

/// <summary>One place in compiled code that creates an HTTP client, handler or socket (or calls a legacy request factory).</summary>
internal sealed record NetworkConstruction(string Assembly, string Type, string Method, string Target)
{
    public override string ToString() => $"{Assembly}: {Type}.{Method} uses {Target}";
}
