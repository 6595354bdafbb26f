using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class ReceiverStorageFullTests : IAsyncLifetime
{
    private const string GitHubSecret = "gh-secret";
    private readonly List<string> _handled = [];
    private WebhookTestHost _host = null!;

    public async Task InitializeAsync()
        => _host = await WebhookTestHost.StartAsync(
            app => app.MapWebhookReceiver("/github", HexHmacVerifier.GitHub(GitHubSecret), (e, _) =>
            {
                lock (_handled) _handled.Add(e.EventId);
                return Task.CompletedTask;
            }),
            new Dictionary<string, string?> { ["Webhooks:MaxDatabaseBytes"] = "65536" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_full_database_is_answered_507_storage_full_and_the_handler_does_not_run()
    {
        using var client = _host.CreateClient();
        for (var i = 0; i < 2000; i++)
        {
            var id = "gh-" + i;
            var body = Encoding.UTF8.GetBytes("{\"n\":" + i + "}");
            var request = new HttpRequestMessage(HttpMethod.Post, "github") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.Add("X-Hub-Signature-256", WebhookSigner.SignGitHub(GitHubSecret, body));
            request.Headers.Add("X-GitHub-Delivery", id);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("storage-full", problem.GetProperty("reason").GetString());
            lock (_handled)
            {
                Assert.DoesNotContain(id, _handled);
                Assert.Equal(i, _handled.Count);
            }
            return;
        }
        Assert.Fail("The receiver never answered 507 although the database has a 64 KiB ceiling.");
    }
}
