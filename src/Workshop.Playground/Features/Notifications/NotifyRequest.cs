namespace Workshop.Playground.Features.Notifications;

/// <summary>The body of <c>POST /notify</c> (the lab's test tool): <c>{"to":"ada","text":"Your build passed"}</c>.</summary>
public sealed record NotifyRequest(string? To, string? Text);
