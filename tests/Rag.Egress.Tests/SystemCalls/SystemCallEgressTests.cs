namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// The privacy promise at the operating-system level: whatever the code above the kernel does (HttpClient, a native
/// library such as ONNX Runtime, the resolver), the real command line with its worker and web app, doing real work, connect or send to
/// nothing but local sockets, loopback and the allow-list. A name resolved over the network (UDP to the nameserver)
/// is a failure too. See <see cref="ProductUnderTrace"/> for what runs.
/// </summary>
public sealed class SystemCallEgressTests(ProductUnderTrace product) : IClassFixture<ProductUnderTrace>
{
    [Fact]
    public void CommandLine_UpWithWorkerAndWebAppIndexesAndAnswers_ConnectsNowhereButLoopback()
    {
        Assert.True(product.CliExitCode == 0, "rag up failed:\n" + product.CliOutput);
        Assert.Contains("Rag is up:", product.CliOutput, StringComparison.Ordinal);
        Assert.Contains("rag up: stopped (web app exit code 0, worker exit code 0)", product.CliOutput, StringComparison.Ordinal);
        Assert.Contains("Northwind Connect", product.FirstAnswer, StringComparison.Ordinal);

        AssertNoLeaks(product.CliCalls);
    }

    [Fact]
    public void WebApp_AnswersTheApi_ConnectsNowhereButLoopback()
    {
        Assert.All(product.ApiExchanges, e => Assert.True(e.Status == System.Net.HttpStatusCode.OK, $"{e.Request}: {(int)e.Status} {e.Body}"));

        // The trace saw the app's own sockets: the API's responses went out through traced send calls.
        Assert.True(product.WebCalls.Count(c => c.SystemCall is "sendto" or "sendmsg") >= product.ApiExchanges.Count, "strace recorded none of the web app's responses: the trace is not watching the app");
        AssertNoLeaks(product.WebCalls);
    }

    private void AssertNoLeaks(IEnumerable<SocketCall> calls)
    {
        var leaks = product.Policy.Leaks(calls);
        Assert.True(
            leaks.Count == 0,
            $"{leaks.Count} system call(s) reached beyond loopback, local sockets and the allow-list ({ProductUnderTrace.AllowedNetwork}):\n" +
            string.Join("\n", leaks));
    }
}
