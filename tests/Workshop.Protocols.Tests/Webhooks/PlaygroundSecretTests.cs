using System.Net;
using System.Text;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>The public contract's secret keys, read by the built playground from environment variables outside Development.</summary>
public sealed class PlaygroundSecretTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("workshop-secrets-").FullName;

    [Fact]
    public async Task Outside_development_the_reference_receivers_verify_with_the_secrets_from_environment_variables()
    {
        var standard = WebhookSecret.Generate();
        await using var app = await ChildProcessHost.StartAsync(
            RepoPaths.BuiltAssembly("Workshop.Playground"),
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["AllowedHosts"] = "127.0.0.1",
                ["Workshop__DataDirectory"] = _dataDirectory,
                ["Webhooks__Standard__Secret"] = standard,
                ["Webhooks__GitHub__Secret"] = "github-from-env",
                ["Webhooks__Razorpay__Secret"] = "razorpay-from-env",
            });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"env\"}");

        Assert.Equal(HttpStatusCode.OK, await PostGitHubAsync(client, body, WebhookSigner.SignGitHub("github-from-env", body)));
        // The Development default must not be in force outside Development.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostGitHubAsync(client, body, WebhookSigner.SignGitHub("workshop-github-dev-secret", body)));

        using var razorpay = Json("/webhooks/razorpay", body);
        razorpay.Headers.Add("x-razorpay-event-id", "evt_env_1");
        razorpay.Headers.Add("X-Razorpay-Signature", WebhookSigner.SignRazorpay("razorpay-from-env", body));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(razorpay)).StatusCode);

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var standardRequest = Json("/webhooks/standard", body);
        standardRequest.Headers.Add("webhook-id", "msg_env_1");
        standardRequest.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        standardRequest.Headers.Add("webhook-signature", WebhookSigner.SignStandard(standard, "msg_env_1", timestamp, body));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(standardRequest)).StatusCode);
    }

    private static async Task<HttpStatusCode> PostGitHubAsync(HttpClient client, byte[] body, string signature)
    {
        using var request = Json("/webhooks/github", body);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Json(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying child: the OS cleans the temp folder later.
        }
    }
}
