using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>The named client that AddWebhooks registers, as the sender and the inspector's redelivery get it.</summary>
public sealed class GuardedHttpClientTests
{
    [Fact]
    public async Task The_named_client_refuses_a_forbidden_address_at_connect_time()
    {
        await using var host = await WebhookTestHost.StartAsync(
            app => app.MapGet("/inside", () => "private"),
            new Dictionary<string, string?> { ["Webhooks:Sender:AllowLoopback"] = "false" });
        var client = GuardedHttpClient.Create(host.Services.GetRequiredService<IHttpClientFactory>());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(host.BaseAddress, "inside")));

        Assert.IsType<DestinationRefusedException>(error.InnerException);
    }

    [Fact]
    public async Task The_named_client_answers_a_redirect_without_following_it()
    {
        var followed = 0;
        await using var host = await WebhookTestHost.StartAsync(app =>
        {
            app.MapGet("/moved", () => Results.Redirect("/elsewhere"));
            app.MapGet("/elsewhere", () => Interlocked.Increment(ref followed));
        });
        var client = GuardedHttpClient.Create(host.Services.GetRequiredService<IHttpClientFactory>());

        using var response = await client.GetAsync(new Uri(host.BaseAddress, "moved"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, Volatile.Read(ref followed));
    }

    [Fact]
    public async Task A_cookie_set_by_one_target_is_never_sent_to_the_next_request()
    {
        string? cookieSeen = "not asked yet";
        await using var host = await WebhookTestHost.StartAsync(app =>
        {
            app.MapGet("/sets", (HttpContext context) =>
            {
                context.Response.Headers.SetCookie = "session=learner-a; Path=/";
                return "set";
            });
            app.MapGet("/reads", (HttpContext context) => cookieSeen = context.Request.Headers.Cookie.ToString());
        });
        var client = GuardedHttpClient.Create(host.Services.GetRequiredService<IHttpClientFactory>());

        (await client.GetAsync(new Uri(host.BaseAddress, "sets"))).Dispose();
        (await GuardedHttpClient.Create(host.Services.GetRequiredService<IHttpClientFactory>()).GetAsync(new Uri(host.BaseAddress, "reads"))).Dispose();

        Assert.Equal("", cookieSeen);
    }

    [Fact]
    public void The_named_client_has_no_overall_timeout_because_each_caller_bounds_its_own_request()
    {
        var services = new ServiceCollection().AddSingleton(new DestinationGuard(allowLoopback: false)).AddGuardedHttpClient();
        using var provider = services.BuildServiceProvider();

        var client = GuardedHttpClient.Create(provider.GetRequiredService<IHttpClientFactory>());

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }
}
