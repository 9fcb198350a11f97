namespace Rag.Egress;

/// <summary>
/// Creates guarded HTTP handlers, for libraries that take an <see cref="HttpMessageHandler"/> or build their own
/// <see cref="HttpClient"/>. Clients from <c>IHttpClientFactory</c> already get one; never create a handler otherwise.
/// </summary>
public interface IEgressHandlerFactory
{
    /// <summary>A new guarded handler; <paramref name="component"/> names the caller in audit records. The caller disposes it.</summary>
    HttpMessageHandler Create(string component);
}
