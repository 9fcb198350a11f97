using Rag.Core.Grounding;

namespace Rag.Core.Tests.Grounding;

public sealed class FollowUpCuesTests
{
    [Theory]
    [InlineData("Who approves that?")]
    [InlineData("What about its price?")]
    [InlineData("Can I carry them over to next year?")]
    [InlineData("And for part-time staff?")]
    [InlineData("What if it disconnects every few minutes?")]
    [InlineData("Why?")]
    public void IsFollowUp_ReferenceOrContinuation_True(string question) => Assert.True(FollowUpCues.IsFollowUp(question));

    [Theory]
    [InlineData("What is the Q3 travel budget cap?")]
    [InlineData("When is the Lyon office open?")]
    [InlineData("How many days of annual leave do I get?")]
    public void IsFollowUp_StandaloneQuestion_False(string question) => Assert.False(FollowUpCues.IsFollowUp(question));
}
