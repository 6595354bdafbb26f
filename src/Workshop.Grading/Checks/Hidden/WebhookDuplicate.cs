using System.Text.Json;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// What a <c>webhook</c> check expects of a second, identical delivery (same id, body and signature): a status,
/// a body substring and JSON values (e.g. <c>"$.duplicate": true</c>).
/// </summary>
internal sealed class WebhookDuplicate
{
    public int ExpectStatus { get; init; } = 200;

    public string? ExpectBodyContains { get; init; }

    public Dictionary<string, JsonElement> ExpectJson { get; init; } = [];

    public override string ToString() =>
        $"a second identical delivery answers {ExpectStatus}"
        + (ExpectBodyContains is null ? "" : $" containing \"{ExpectBodyContains}\"")
        + string.Concat(ExpectJson.Select(j => $", {j.Key} = {j.Value.GetRawText()}"));
}
