using Rag.Bench.Query;
using Rag.Evaluation.Reporting;

namespace Rag.Bench.Web;

/// <summary>The result of <c>rag bench web</c>, as written to JSON.</summary>
/// <param name="Environment">Machine, runtime, commit.</param>
/// <param name="Users">Users that signed in and reached an interactive Ask page.</param>
/// <param name="QuestionsPerUser">Questions each asked.</param>
/// <param name="FirstToken">From pressing Enter to the first answer text (or "not found") on screen.</param>
/// <param name="Done">From pressing Enter to the finished answer.</param>
/// <param name="Answered">Questions answered.</param>
/// <param name="NothingFound">Questions answered with "not found in the documents".</param>
/// <param name="Failed">Questions not answered within the run's limit, or that showed an error.</param>
/// <param name="ForeignRequests">Requests any page made to an origin other than the app (must be 0).</param>
/// <param name="Memory">Server memory before, connected and after.</param>
/// <param name="Seconds">Whole run, sign-in included.</param>
/// <param name="Errors">The first few errors, for the reader.</param>
public sealed record WebBenchResult(
    RunEnvironment Environment,
    int Users,
    int QuestionsPerUser,
    LatencySummary? FirstToken,
    LatencySummary? Done,
    int Answered,
    int NothingFound,
    int Failed,
    int ForeignRequests,
    WebMemory Memory,
    double Seconds,
    IReadOnlyList<string> Errors);
