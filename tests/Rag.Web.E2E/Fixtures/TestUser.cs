namespace Rag.Web.E2E.Fixtures;

/// <summary>A local account the fixture created, with its password.</summary>
public sealed record TestUser(string UserName, string Password, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);
