namespace Rag.Egress;

/// <summary>
/// Judges an endpoint a component is configured to use, before it is ever connected to (at start-up): the same
/// by-name check as every connection, and a refusal is recorded the same way (<c>egress.blocked</c>).
/// </summary>
public interface IEgressEndpointCheck
{
    /// <summary>
    /// Returns when the guard lets <paramref name="endpoint"/>'s host be tried; otherwise records the refusal as
    /// <c>egress.blocked</c> (actor <c>system:</c><paramref name="component"/>) and throws <see cref="EgressBlockedException"/>.
    /// Nothing is resolved or connected.
    /// </summary>
    Task EnsureAllowedAsync(Uri endpoint, string component, CancellationToken cancellationToken = default);
}
