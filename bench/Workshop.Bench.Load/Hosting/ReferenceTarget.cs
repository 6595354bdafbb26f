namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// Where the reference implementation answers each scenario. The playground serves the public contract
/// (docs/websockets.md, docs/server-sent-events.md, docs/webhooks.md); what it lacks for a scenario is mapped
/// by bench/Workshop.Bench.Host with the same library.
/// </summary>
internal static class ReferenceTarget
{
    public static Target Create() => new("reference", "reference (ASP.NET Core)")
    {
        EchoServer = "playground",
        EchoPath = "/ws/echo",
        WebhookServer = "playground",
        WebhookPath = "/webhooks/github",
        SenderServer = "playground",
        // The playground's chat would need join notices to 1,000 members (each listing them all) and its /events
        // has no publish endpoint: the bench host maps the same library's hub and topic for these two.
        BroadcastServer = "bench-host",
        BroadcastPath = "/ws/broadcast",
        SseServer = "bench-host",
        SsePath = "/events",
        SsePublishPath = "/events/publish",
    };
}
