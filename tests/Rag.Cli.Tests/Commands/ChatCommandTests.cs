using Rag.Cli.Tests.Fixtures;
using Rag.Testing;

namespace Rag.Cli.Tests.Commands;

public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_FreshMachine_InstallsIngestsSamplesAndAnswersAtThePrompt()
    {
        using var models = new TempDirectory();
        using var cli = new CliHarness(modelsDirectory: models.Path, mirror: RepoPaths.SharedPath("models"));
        const string Session = """
            How many days of annual leave do I get?
            What is the Q3 travel budget cap?
            :groups finance
            What is the Q3 travel budget cap?
            :quit
            """;

        var run = await cli.RunWithInputAsync(Session, "chat");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("use-lite: installed", run.Output, StringComparison.Ordinal);
        Assert.Contains("handbook", run.Output, StringComparison.Ordinal);
        Assert.Contains("4 indexed", run.Output, StringComparison.Ordinal);
        var answers = run.Output.Split("ask> ");
        Assert.Equal(6, answers.Length);
        Assert.Contains("[1]", answers[1], StringComparison.Ordinal);
        Assert.Contains("page 2", answers[1], StringComparison.Ordinal);
        Assert.DoesNotContain("42,000", answers[2], StringComparison.Ordinal);
        Assert.Contains("42,000 euros", answers[4], StringComparison.Ordinal);
    }
}
