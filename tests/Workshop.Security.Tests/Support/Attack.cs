using System.Text;

namespace Workshop.Security.Tests.Support;

/// <summary>What an anonymous client does with the playground's APIs: nothing but HTTP.</summary>
internal static class Attack
{
    public static async Task<JsonElement> CreateBinAsync(HttpClient http, object? body = null)
    {
        using var response = body is null ? await http.PostAsync("/api/bins", null) : await http.PostAsJsonAsync("/api/bins", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Id(JsonElement bin) => bin.GetProperty("id").GetString()!;

    public static async Task CaptureAsync(HttpClient http, JsonElement bin, HttpMethod method, Action<HttpRequestMessage>? configure = null, string body = "{\"a\":1}")
    {
        using var request = new HttpRequestMessage(method, $"/hooks/{Id(bin)}");
        if (method != HttpMethod.Get) request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static Task<HttpResponseMessage> RedeliverAsync(HttpClient http, JsonElement bin, long capture, Uri url)
        => http.PostAsJsonAsync($"/api/bins/{Id(bin)}/requests/{capture}/redeliver", new { url = url.ToString() });

    public static async Task<JsonElement[]> CapturesAsync(HttpClient http, JsonElement bin)
        => [.. (await http.GetFromJsonAsync<JsonElement>($"/api/bins/{Id(bin)}/requests")).EnumerateArray()];

    /// <summary>The problem+json <c>reason</c> of an answer, or null when it has none.</summary>
    public static async Task<string?> ReasonAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    /// <summary>A new bin's capture URL.</summary>
    public static async Task<string> BinUrlAsync(HttpClient http) => (await CreateBinAsync(http)).GetProperty("url").GetString()!;
}
