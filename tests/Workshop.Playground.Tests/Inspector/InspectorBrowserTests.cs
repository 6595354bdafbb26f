using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Workshop.Playground.Features.Webhooks;
using Workshop.Testing;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class InspectorBrowserTests(BrowserFixture browser)
{
    private const string Script = "<script>window.__pwned=1</script>";
    private const string Img = "<img src=x onerror=\"window.__pwned=1\">";

    private async Task<(IPage Page, string BinUrl, JsonElement Bin)> OpenNewBinAsync(PlaygroundServer server, HttpClient http, List<string> errors)
    {
        var page = await browser.NewPageAsync(errors);
        try
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/play/inspector.html").ToString());
            await page.ClickAsync("#create");
            await Eventually.HoldsAsync(async () => await page.GetAttributeAsync("#state", "data-state") == "open", "the bin's stream is open");
            var url = (await page.TextContentAsync("#bin-url"))!;
            Assert.StartsWith(new Uri(server.BaseAddress, "/hooks/").ToString(), url);
            var bin = await http.GetFromJsonAsync<JsonElement>($"/api/bins/{url[(url.LastIndexOf('/') + 1)..]}");
            // The page shows the bin's own secrets and signs its curl commands with them, never the server's.
            Assert.Equal([Secret(bin, "standard"), Secret(bin, "github"), Secret(bin, "razorpay")], await page.Locator("#secrets dd").AllTextContentsAsync());
            var curl = (await page.TextContentAsync("#curl"))!;
            Assert.Contains("webhook-signature: v1,$SIG", curl);
            Assert.Contains(Secret(bin, "standard")["whsec_".Length..], curl);
            Assert.DoesNotContain(ReferenceWebhookSecrets.DevStandard["whsec_".Length..], curl);
            return (page, url, bin);
        }
        catch
        {
            await page.Context.CloseAsync(); // the caller never gets the page to close
            throw;
        }
    }

    [Fact]
    public async Task A_webhook_posted_to_a_bin_appears_live_in_the_inspector_with_a_verdict_per_scheme()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var errors = new List<string>();
        var (page, url, bin) = await OpenNewBinAsync(server, http, errors);
        await using var pageContext = page.Context; // closed even when an assertion fails

        using (var valid = await http.SendAsync(SignedForAll(url, "{\"type\":\"payment.captured\"}", bin))) valid.EnsureSuccessStatusCode();
        using (var forged = await http.SendAsync(SignedForAll(url + "/forged", "{}", bin, gitHub: "not-the-secret"))) forged.EnsureSuccessStatusCode();

        var first = page.Locator("li.capture[data-id='1']");
        var second = page.Locator("li.capture[data-id='2']");
        await Eventually.HoldsAsync(async () => await second.CountAsync() == 1 && await first.CountAsync() == 1, "both captures are shown live");
        Assert.Equal(["standard: valid", "github: valid", "razorpay: valid"], await first.Locator(".capture-head .verdict").AllTextContentsAsync());
        Assert.Equal(["standard: valid", "github: bad-signature", "razorpay: valid"], await second.Locator(".capture-head .verdict").AllTextContentsAsync());
        Assert.Equal("{\"type\":\"payment.captured\"}", await first.Locator(".capture-body").TextContentAsync());
        Assert.Equal("2", await page.TextContentAsync("#count"));
        Assert.Equal("2", await page.Locator("#requests li.capture").First.GetAttributeAsync("data-id"));

        await first.Locator(".redeliver button").ClickAsync();
        await Eventually.HoldsAsync(async () => await page.Locator("li.capture[data-id='3']").CountAsync() == 1, "the redelivered copy is captured too");
        // The capture arrives over SSE and the page's own fetch answer separately: either may come first.
        await Eventually.HoldsAsync(async () => (await first.Locator(".redeliver-result").TextContentAsync() ?? "").StartsWith("answered 200", StringComparison.Ordinal),
            "the page shows the redelivery's answer");

        await page.ClickAsync("#send-test");
        var sent = page.Locator("li.capture[data-id='4']");
        await Eventually.HoldsAsync(async () => await sent.CountAsync() == 1, "the server's sender delivered a signed event to the bin");
        Assert.Equal(["standard: valid"], await sent.Locator(".capture-head .verdict").AllTextContentsAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_xss_payload_in_headers_path_and_body_is_shown_as_inert_text()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var errors = new List<string>();
        var (page, url, _) = await OpenNewBinAsync(server, http, errors);
        await using var pageContext = page.Context; // closed even when an assertion fails

        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/" + Uri.EscapeDataString(Img))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Script + Img)),
        };
        request.Headers.TryAddWithoutValidation("X-Evil", Img);
        request.Headers.TryAddWithoutValidation("X-Evil-Script", Script);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/html");
        using (var response = await http.SendAsync(request)) response.EnsureSuccessStatusCode();

        var capture = page.Locator("li.capture[data-id='1']");
        await Eventually.HoldsAsync(async () => await capture.CountAsync() == 1, "the capture is shown");
        Assert.Equal(Script + Img, await capture.Locator(".capture-body").TextContentAsync());
        var headerCells = await capture.Locator(".capture-headers td").AllTextContentsAsync();
        Assert.Contains(Img, headerCells);
        Assert.Contains(Script, headerCells);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "no payload ran");
        Assert.Equal(0, await page.Locator("#requests script, #requests img").CountAsync());
        Assert.Empty(errors);
    }
}
