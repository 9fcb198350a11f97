using System.Reflection;

namespace Rag.Web.Tests.Authentication.External;

/// <summary>The handlers an HttpClient sends through, outermost first (HttpMessageInvoker keeps its handler in a private field).</summary>
internal static class BackchannelHandlers
{
    public static IReadOnlyList<HttpMessageHandler> Chain(HttpClient client)
    {
        var field = typeof(HttpMessageInvoker).GetField("_handler", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("HttpMessageInvoker no longer keeps its handler in _handler.");
        var chain = new List<HttpMessageHandler>();
        for (var handler = (HttpMessageHandler?)field.GetValue(client); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler);
        }

        return chain;
    }
}
