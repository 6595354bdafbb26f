using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// <c>"kind": "webhook"</c>: posts <c>body</c> to <see cref="HiddenCheck.Path"/> signed in the lab's <c>scheme</c>
/// with the lab's documented secret (or <c>secret</c>), under the delivery id <c>id</c> (default
/// <c>hidden-{{run}}</c>); expects a status, a body substring, JSON values. With <c>duplicate</c>, the same delivery is
/// sent again and must answer as described there; with <c>effectsAt</c>, the number of times the delivery id appears
/// in a GET of that path must be at least one after the first delivery and unchanged after the second.
/// </summary>
internal sealed class WebhookHiddenCheck : HiddenCheck
{
    private string _lab = "";

    public required WebhookScheme Scheme { get; init; }

    public string? Secret { get; init; }

    public string Id { get; init; } = "hidden-" + RunToken.Placeholder;

    public string Event { get; init; } = "push";

    public required JsonElement Body { get; init; }

    public int ExpectStatus { get; init; } = 200;

    public string? ExpectBodyContains { get; init; }

    public Dictionary<string, JsonElement> ExpectJson { get; init; } = [];

    public WebhookDuplicate? Duplicate { get; init; }

    public string? EffectsAt { get; init; }

    public override string Describe() =>
        $"a {Scheme} delivery signed with the lab's secret to {Path} answers {ExpectStatus}"
        + (ExpectBodyContains is null ? "" : $" containing \"{ExpectBodyContains}\"")
        + string.Concat(ExpectJson.Select(j => $", {j.Key} = {j.Value.GetRawText()}"))
        + (Duplicate is null ? "" : $"; {Duplicate}")
        + (EffectsAt is null ? "" : $"; GET {EffectsAt} shows the delivery once");

    public override string? Validate(string lab)
    {
        _lab = lab;
        if (Secret is null && LabSecrets.Find(lab, Scheme) is null) return $"lab {lab} documents no {Scheme} secret: give \"secret\"";
        if (Scheme == WebhookScheme.Standard && !(Secret ?? LabSecrets.Find(lab, Scheme))!.StartsWith("whsec_", StringComparison.Ordinal)) return "a Standard Webhooks secret starts with whsec_";
        return EffectsAt is not null && Duplicate is null ? "\"effectsAt\" needs \"duplicate\" (it counts the effect of the second delivery)" : null;
    }

    public override async Task<CheckOutcome> RunAsync(CheckContext context)
    {
        var token = RunToken.New();
        var id = RunToken.Apply(Id, token);
        var body = RunToken.Apply(Body.ValueKind == JsonValueKind.String ? Body.GetString()! : Body.GetRawText(), token);
        var secret = Secret ?? LabSecrets.Find(_lab, Scheme)!;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (status, text) = await DeliverAsync(context, id, body, secret, timestamp);
        var json = "";
        if (status != ExpectStatus || (ExpectBodyContains is not null && !text.Contains(RunToken.Apply(ExpectBodyContains, token), StringComparison.Ordinal))
            || (ExpectJson.Count > 0 && !JsonPath.Matches(text, ExpectJson, token, out json)))
        {
            return CheckOutcome.Fail($"the delivery was answered {status} {Cut(text)}");
        }
        if (Duplicate is null) return CheckOutcome.Pass($"answered {status} {Cut(text)}");
        var before = EffectsAt is null ? 0 : await CountAsync(context, id);
        if (EffectsAt is not null && before == 0) return CheckOutcome.Fail($"GET {EffectsAt} does not show delivery {id} after it was accepted");
        var (again, againText) = await DeliverAsync(context, id, body, secret, timestamp);
        if (again != Duplicate.ExpectStatus || (Duplicate.ExpectBodyContains is not null && !againText.Contains(Duplicate.ExpectBodyContains, StringComparison.Ordinal))
            || (Duplicate.ExpectJson.Count > 0 && !JsonPath.Matches(againText, Duplicate.ExpectJson, token, out json)))
        {
            return CheckOutcome.Fail($"the second identical delivery was answered {again} {Cut(againText)}");
        }
        var after = EffectsAt is null ? 0 : await CountAsync(context, id);
        return CheckOutcome.When(after == before, EffectsAt is null ? $"answered {status}, then {again} {Cut(againText)}"
            : $"answered {status}, then {again}; GET {EffectsAt} shows the delivery {before} time(s), then {after}");
    }

    private async Task<(int Status, string Body)> DeliverAsync(CheckContext context, string id, string body, string secret, long timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, context.MapPath(Path).TrimStart('/')) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var bytes = Encoding.UTF8.GetBytes(body);
        switch (Scheme)
        {
            case WebhookScheme.GitHub:
                request.Headers.TryAddWithoutValidation("X-GitHub-Event", Event);
                request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", id);
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Hex(secret, bytes));
                break;
            case WebhookScheme.Razorpay:
                request.Headers.TryAddWithoutValidation("x-razorpay-event-id", id);
                request.Headers.TryAddWithoutValidation("X-Razorpay-Signature", Hex(secret, bytes));
                break;
            default:
                request.Headers.TryAddWithoutValidation("webhook-id", id);
                request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("webhook-signature", PaymentGateway.Sign(secret, id, timestamp, body));
                break;
        }
        using var response = await context.Http.SendAsync(request, context.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(context.CancellationToken));
    }

    private async Task<int> CountAsync(CheckContext context, string id)
    {
        var text = await context.Http.GetStringAsync(context.MapPath(EffectsAt!).TrimStart('/'), context.CancellationToken);
        var count = 0;
        for (var at = text.IndexOf(id, StringComparison.Ordinal); at >= 0; at = text.IndexOf(id, at + id.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Hex(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string Cut(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
