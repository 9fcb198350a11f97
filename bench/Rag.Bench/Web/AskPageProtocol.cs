namespace Rag.Bench.Web;

/// <summary>
/// How the harness reads the Ask page, as a person would: the question box <c>#question</c>, sent with Enter (or the
/// <c>#ask</c> button); an answer is an element of class <c>answer</c> with <c>data-state</c> streaming|done|notfound
/// (the agreed selectors), or the Ask page's <c>data-testid="turn"</c> articles holding <c>data-testid="answer"</c>
/// (<c>aria-busy</c> while it streams) or <c>data-testid="nothing-found"</c>.
/// </summary>
internal static class AskPageProtocol
{
    public const string Question = "#question";

    /// <summary>The send button once the circuit is interactive (it is disabled while prerendered).</summary>
    public const string InteractiveSend = "#ask:not([disabled]), form[data-testid=question-form] button[type=submit]:not([disabled])";

    /// <summary>Number of answered turns on the page.</summary>
    public const string TurnCount = "() => document.querySelectorAll('[data-testid=turn], .answer').length";

    /// <summary>True once turn <c>n</c> (0-based, the argument) shows answer text or "not found".</summary>
    public const string FirstToken = """
        n => {
          const turns = document.querySelectorAll('[data-testid=turn], .answer');
          const t = turns[n];
          if (!t) return false;
          if (t.matches('.answer')) return ['streaming', 'done', 'notfound'].includes(t.dataset.state) && t.textContent.trim().length > 0;
          if (t.querySelector('[data-testid=nothing-found]')) return true;
          const a = t.querySelector('[data-testid=answer]');
          return !!a && a.textContent.trim().length > 0 && !a.querySelector('.spinner-border');
        }
        """;

    /// <summary>"done", "notfound" or "error" once turn <c>n</c> has finished; null while it streams.</summary>
    public const string Finished = """
        n => {
          if (document.querySelector('[data-testid=page-error]')) return 'error';
          const turns = document.querySelectorAll('[data-testid=turn], .answer');
          const t = turns[n];
          if (!t) return null;
          if (t.matches('.answer')) return t.dataset.state === 'done' ? 'done' : t.dataset.state === 'notfound' ? 'notfound' : null;
          if (t.querySelector('[data-testid=nothing-found]')) return 'notfound';
          const a = t.querySelector('[data-testid=answer]');
          return a && a.getAttribute('aria-busy') === 'false' && a.textContent.trim().length > 0 ? 'done' : null;
        }
        """;

    public static readonly string[] Questions =
    [
        "How many days of annual leave do I get?",
        "How do I connect to the VPN?",
        "When are performance reviews held?",
        "How do I reset my password?",
        "What is the policy on working from home?",
    ];
}
