using System.Text;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;
using Workshop.Bench.Load.Scenarios;

namespace Workshop.Bench.Load;

/// <summary>
/// Before anything is timed, each target must do the job right: the echo endpoint sends <c>Welcome!</c> and
/// echoes, the webhook receiver accepts the signed body and refuses the same body with one byte changed.
/// A target that fails is still measured, but the results file shows the failed check beside its numbers.
/// </summary>
internal static class SanityChecks
{
    public static async Task<List<string>> RunAsync(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, ServerProcess> servers,
        string rawDirectory, string secret, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var target in targets)
        {
            if (target.EchoServer is { } echo) lines.Add($"{target.Key} echo: {await EchoAsync(servers[echo].Port, target.EchoPath, ct)}");
            if (target.WebhookServer is { } hook) lines.Add($"{target.Key} webhook: {await WebhookAsync(servers[hook].Port, target.WebhookPath, secret, target.ChecksSignatures, ct)}");
        }
        return lines;
    }

    private static async Task<string> EchoAsync(int port, string path, CancellationToken ct)
    {
        try
        {
            using var client = await WsClient.ConnectAsync(port, path, null, ct);
            var (_, welcome) = await client.ReceiveAsync(ct);
            var first = Encoding.UTF8.GetString(welcome);
            await client.SendTextAsync("sanity-ping"u8.ToArray(), ct);
            var (_, echoed) = await client.ReceiveAsync(ct);
            var second = Encoding.UTF8.GetString(echoed);
            return first == "Welcome!" && second == "sanity-ping" ? "ok (Welcome!, then echo)" : $"FAILED (got '{first}', then '{second}')";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"FAILED ({e.Message.Split('\n')[0]})";
        }
    }

    private static async Task<string> WebhookAsync(int port, string path, string secret, bool checksSignatures, CancellationToken ct)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var body = WebhookScenario.Body;
            var good = await PostAsync(http, path, body, WebhookScenario.Sign(secret, body), ct);
            var tampered = await PostAsync(http, path, body.Replace("main", "mainx", StringComparison.Ordinal), WebhookScenario.Sign(secret, body), ct);
            var ok = good.StartsWith('2') && (!checksSignatures || tampered.StartsWith('4'));
            return $"{(ok ? "ok" : "FAILED")} (signed body {good}, tampered body {tampered}{(checksSignatures ? "" : ", no check by design")})";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"FAILED ({e.Message.Split('\n')[0]})";
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string path, string body, string signature, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", signature);
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/bench");
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var reason = System.Text.RegularExpressions.Regex.Match(text, "\"reason\"\\s*:\\s*\"([^\"]*)\"").Groups[1].Value;
        return reason.Length > 0 ? $"{(int)response.StatusCode} {reason}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
