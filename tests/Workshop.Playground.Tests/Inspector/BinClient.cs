using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Tests.Inspector;

/// <summary>Small helpers over the bins API for the inspector tests.</summary>
internal static class BinClient
{
    public static async Task<JsonElement> CreateBinAsync(HttpClient http, object? body = null)
    {
        using var response = body is null ? await http.PostAsync("/api/bins", null) : await http.PostAsJsonAsync("/api/bins", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CreateBinIdAsync(HttpClient http) => (await CreateBinAsync(http)).GetProperty("id").GetString()!;

    public static async Task<JsonElement[]> RequestsAsync(HttpClient http, string bin)
        => [.. (await http.GetFromJsonAsync<JsonElement>($"/api/bins/{bin}/requests")).EnumerateArray()];

    public static HttpRequestMessage Post(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    /// <summary>One of a bin's own secrets from its view (<c>standard</c>, <c>github</c>, <c>razorpay</c>).</summary>
    public static string Secret(JsonElement bin, string scheme) => bin.GetProperty("secrets").GetProperty(scheme).GetString()!;

    /// <summary>A request signed for all three schemes with the bin's own secrets (optionally a wrong GitHub one).</summary>
    public static HttpRequestMessage SignedForAll(string path, string body, JsonElement bin, string? gitHub = null)
        => SignedForAll(path, body, Secret(bin, "standard"), gitHub ?? Secret(bin, "github"), Secret(bin, "razorpay"));

    /// <summary>A request signed for all three schemes with the given secrets.</summary>
    public static HttpRequestMessage SignedForAll(string path, string body, string standard, string gitHub, string razorpay)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = Post(path, body);
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.SignStandard(standard, id, ts, bytes));
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add("X-Hub-Signature-256", WebhookSigner.SignGitHub(gitHub, bytes));
        request.Headers.Add("x-razorpay-event-id", id);
        request.Headers.Add("X-Razorpay-Signature", WebhookSigner.SignRazorpay(razorpay, bytes));
        return request;
    }

    public static Dictionary<string, string> Verdicts(JsonElement capture)
        => capture.GetProperty("verdicts").EnumerateArray().ToDictionary(v => v.GetProperty("scheme").GetString()!, v => v.GetProperty("reason").GetString()!);

    public static string? Header(JsonElement capture, string name)
        => capture.GetProperty("headers").EnumerateArray()
            .Where(h => string.Equals(h.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.GetProperty("value").GetString()).FirstOrDefault();
}
