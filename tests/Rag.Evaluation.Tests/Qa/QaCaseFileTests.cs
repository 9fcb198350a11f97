using Rag.Evaluation.Qa;

namespace Rag.Evaluation.Tests.Qa;

public sealed class QaCaseFileTests
{
    private static Task<QaCaseSet> ReadAsync(string text) => QaCaseFile.ReadAsync(new StringReader(text), "questions.jsonl");

    private static async Task<QaFormatException> FailAsync(string text) => await Assert.ThrowsAsync<QaFormatException>(() => ReadAsync(text));

    [Fact]
    public async Task Read_AllFieldForms_ParsesEveryCaseWithItsLine()
    {
        var set = await ReadAsync(
            "{\"question\": \"How many leave days?\", \"expectedDocuments\": [\"handbook.pdf\", \"Leave Policy\"], \"expectedAnswerContains\": \"27 days\", \"id\": \"leave\"}\n" +
            "\n" +
            "{\"question\": \"Which encryption?\", \"expectedAnswerContains\": [\"BitLocker\", \"FileVault\"], \"expectedDocuments\": \"security.md\", \"comment\": \"two strings\"}\n" +
            "{\"question\": \"Q3 travel cap?\", \"expectNoAnswer\": true, \"expectedDocuments\": [], \"expectedAnswerContains\": null}\n");

        Assert.Equal(3, set.Cases.Count);
        var first = set.Cases[0];
        Assert.Equal(1, first.Line);
        Assert.Equal("leave", first.Id);
        Assert.Equal(["handbook.pdf", "Leave Policy"], first.ExpectedDocuments);
        Assert.Equal(["27 days"], first.ExpectedAnswerContains);
        Assert.False(first.ExpectNoAnswer);
        Assert.Equal(3, set.Cases[1].Line);
        Assert.Equal(["security.md"], set.Cases[1].ExpectedDocuments);
        Assert.Equal(["BitLocker", "FileVault"], set.Cases[1].ExpectedAnswerContains);
        Assert.True(set.Cases[2].ExpectNoAnswer);
        Assert.Empty(set.Cases[2].ExpectedDocuments);
        Assert.Empty(set.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\n")]
    public async Task Read_EmptyFile_FailsSayingNoQuestions(string text)
    {
        var error = await FailAsync(text);

        Assert.Contains("contains no questions", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"question\": \"a?\"", "line 2: not valid JSON")]
    [InlineData("[\"a?\"]", "line 2: expected a JSON object")]
    [InlineData("{\"expectedDocuments\": [\"a.md\"]}", "line 2: \"question\" is missing")]
    [InlineData("{\"question\": \"   \"}", "line 2: \"question\" is empty")]
    [InlineData("{\"question\": 42}", "line 2: \"question\" must be a string, found a number")]
    [InlineData("{\"question\": \"a?\", \"expectedDocuments\": {\"a\": 1}}", "line 2: \"expectedDocuments\" must be a string or an array of strings, found an object")]
    [InlineData("{\"question\": \"a?\", \"expectedDocuments\": [\"a.md\", 3]}", "line 2: \"expectedDocuments\"[1] must be a string, found a number")]
    [InlineData("{\"question\": \"a?\", \"expectedAnswerContains\": \"\"}", "line 2: \"expectedAnswerContains\" is an empty string")]
    [InlineData("{\"question\": \"a?\", \"expectNoAnswer\": \"yes\"}", "line 2: \"expectNoAnswer\" must be true or false, found a string")]
    [InlineData("{\"question\": \"a?\", \"expectedDocument\": [\"a.md\"]}", "line 2: unknown field \"expectedDocument\" (did you mean \"expectedDocuments\"?)")]
    [InlineData("{\"Question\": \"a?\"}", "line 2: unknown field \"Question\" (did you mean \"question\"?)")]
    [InlineData("{\"question\": \"a?\", \"question\": \"b?\"}", "line 2: field \"question\" appears twice")]
    [InlineData("{\"question\": \"a?\", \"expectNoAnswer\": true, \"expectedAnswerContains\": \"x\"}", "line 2: \"expectNoAnswer\": true contradicts")]
    [InlineData("{\"question\": \"b?\", \"id\": \"one\"}", "line 2: id \"one\" is already used on line 1")]
    public async Task Read_MalformedSecondLine_NamesLineAndProblem(string secondLine, string expected)
    {
        var error = await FailAsync("{\"question\": \"first?\", \"id\": \"one\", \"expectedDocuments\": \"x.md\"}\n" + secondLine + "\n");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was asked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SeveralBadLines_ReportsEveryOneNotOnlyTheFirst()
    {
        var error = await FailAsync("{\"question\": \"ok?\"}\nnot json\n{\"question\": \"ok too?\"}\n{\"question\": 1}\n");

        Assert.Equal(2, error.Errors.Count);
        Assert.StartsWith("line 2:", error.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", error.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_QuestionWithoutExpectationsOrRepeated_Warns()
    {
        var set = await ReadAsync("{\"question\": \"Where is the kitchen?\"}\n{\"question\": \"where is the kitchen?\", \"expectedDocuments\": \"notes.txt\"}\n");

        Assert.Equal(2, set.Cases.Count);
        Assert.Contains(set.Warnings, w => w.StartsWith("line 1: no expectedDocuments", StringComparison.Ordinal));
        Assert.Contains(set.Warnings, w => w.StartsWith("line 2: the same question as line 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_MissingFile_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => QaCaseFile.LoadAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl")));
    }
}
