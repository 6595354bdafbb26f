namespace Workshop.Playground.Features.Notifications;

/// <summary>The body of <c>POST /login</c>: <c>{"name":"ada"}</c>.</summary>
public sealed record LoginRequest(string? Name);
