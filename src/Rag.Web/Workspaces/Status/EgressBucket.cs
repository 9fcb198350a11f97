namespace Rag.Web.Workspaces.Status;

/// <summary>Blocked outbound connections recorded in one time bucket.</summary>
/// <param name="Start">Bucket start (inclusive).</param>
/// <param name="End">Bucket end (exclusive).</param>
/// <param name="Blocked">egress.blocked records in it.</param>
public sealed record EgressBucket(DateTimeOffset Start, DateTimeOffset End, int Blocked);
