using System.Text.Json.Serialization;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// One declarative hidden check, chosen by its <c>kind</c>: <c>http</c>, <c>websocket</c>, <c>sse</c> or
/// <c>webhook</c>. An unknown kind or a field the kind does not know is refused when the file is loaded.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HttpHiddenCheck), "http")]
[JsonDerivedType(typeof(WebSocketHiddenCheck), "websocket")]
[JsonDerivedType(typeof(SseHiddenCheck), "sse")]
[JsonDerivedType(typeof(WebhookHiddenCheck), "webhook")]
internal abstract class HiddenCheck
{
    /// <summary>The check's name (shown to the instructor; students see "hidden check N").</summary>
    public string? Name { get; init; }

    /// <summary>The lab path the check talks to (may hold <c>{{run}}</c>, replaced by a token unique to the run).</summary>
    public required string Path { get; init; }

    /// <summary>What is expected, in words (expected values included: only instructors see it).</summary>
    public abstract string Describe();

    /// <summary>A problem with the check's fields that JSON alone cannot catch, or null.</summary>
    public virtual string? Validate(string lab) => null;

    /// <summary>Runs the check against the target.</summary>
    public abstract Task<CheckOutcome> RunAsync(CheckContext context);
}
