namespace Workshop.Playground.Features.Inspector;

/// <summary>What Redis keeps of a bin besides its captures: enough for any instance to judge and sign as the creating one does.</summary>
internal sealed record RedisBinRecord(DateTimeOffset CreatedAt, string Creator, BinSecrets Secrets, IReadOnlyList<string> Own, string? ForwardUrl);
