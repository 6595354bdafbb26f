using System.Text.Json;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// <c>"kind": "http"</c>: one request (any method, headers, body); expects a status, headers (each value contained,
/// names case-insensitive), a body substring and JSON path values.
/// </summary>
internal sealed class HttpHiddenCheck : HiddenCheck
{
    public string Method { get; init; } = "GET";

    public Dictionary<string, string> Headers { get; init; } = [];

    public string? Body { get; init; }

    public int ExpectStatus { get; init; } = 200;

    public Dictionary<string, string> ExpectHeaders { get; init; } = [];

    public string? ExpectBodyContains { get; init; }

    public Dictionary<string, JsonElement> ExpectJson { get; init; } = [];

    public override string Describe() =>
        $"{Method.ToUpperInvariant()} {Path} answers {ExpectStatus}"
        + string.Concat(ExpectHeaders.Select(h => $", {h.Key} containing \"{h.Value}\""))
        + (ExpectBodyContains is null ? "" : $", a body containing \"{ExpectBodyContains}\"")
        + string.Concat(ExpectJson.Select(j => $", {j.Key} = {j.Value.GetRawText()}"));

    public override async Task<CheckOutcome> RunAsync(CheckContext context)
    {
        var token = RunToken.New();
        var request = new HiddenRequest { Method = Method, Path = Path, Headers = Headers, Body = Body };
        using var response = await request.SendAsync(context, token);
        var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
        var status = (int)response.StatusCode;
        var headersOk = ExpectHeaders.All(h => HeaderValue(response, h.Key)?.Contains(RunToken.Apply(h.Value, token), StringComparison.OrdinalIgnoreCase) == true);
        var bodyOk = ExpectBodyContains is null || body.Contains(RunToken.Apply(ExpectBodyContains, token), StringComparison.Ordinal);
        var json = "";
        var jsonOk = ExpectJson.Count == 0 || JsonPath.Matches(body, ExpectJson, token, out json);
        var headers = string.Concat(ExpectHeaders.Keys.Select(k => $", {k}: {HeaderValue(response, k) ?? "(absent)"}"));
        return CheckOutcome.When(status == ExpectStatus && headersOk && bodyOk && jsonOk,
            $"HTTP {status}{headers}, {body.Length} characters{(json.Length == 0 ? "" : ", " + json)}");
    }

    /// <summary>A response or content header's values, joined; null when absent.</summary>
    internal static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
