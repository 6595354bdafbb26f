namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// The servers this run starts and the three targets compared: the reference (ASP.NET Core, Release build,
/// Production environment, logging at Warning), the brief's Node peers and the raw limit.
/// </summary>
internal sealed class Setup
{
    /// <param name="referenceEnvironment">Extra environment for the reference's servers (trial option --reference-env NAME=VALUE).</param>
    public Setup(string repoRoot, string rawDirectory, string webhookSecret, IReadOnlyCollection<string>? onlyTargets = null, IReadOnlyDictionary<string, string>? referenceEnvironment = null)
    {
        var node = Path.Combine(repoRoot, "bench", "node");
        var release = Path.Combine("bin", "Release", "net10.0");
        var aspNetCore = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Webhooks__GitHub__Secret"] = webhookSecret,
            ["Webhooks__Standard__Secret"] = "whsec_" + Convert.ToBase64String("bench-standard-secret-0123456789"u8),
            ["Webhooks__Razorpay__Secret"] = webhookSecret,
            ["Workshop__DataDirectory"] = Path.Combine(rawDirectory, "playground-data"),
            // The sender scenario posts to a sink on 127.0.0.1, which the destination guard refuses by default.
            ["Webhooks__Sender__AllowLoopback"] = "true",
            // Production's public-facing limits are per client, and every bench client is 127.0.0.1: the bench
            // measures throughput, so it raises them (docs/security.md lists them).
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["Webhooks__SenderApi__AllowedHosts__0"] = "127.0.0.1",
            ["Webhooks__SenderApi__DeliveriesPerClient"] = "100000000",
            ["Security__RateLimits__Sender__PermitLimit"] = "100000000",
            ["Security__RateLimits__Receivers__PermitLimit"] = "100000000",
            ["Security__RateLimits__Captures__PermitLimit"] = "100000000",
            ["Security__RateLimits__BinCreation__PermitLimit"] = "100000000",
            ["Security__RateLimits__Redelivery__PermitLimit"] = "100000000",
            ["Security__RateLimits__MaxStreamsPerClient"] = "100000000",
            ["WebSockets__MaxConnections"] = "1000000",
            ["WebSockets__MaxConnectionsPerClient"] = "1000000",
            ["WebSockets__MessageBurst"] = "1000000",
            ["WebSockets__MessagesPerSecond"] = "1000000",
        };
        foreach (var (key, value) in referenceEnvironment ?? new Dictionary<string, string>()) aspNetCore[key] = value;
        var playground = Path.Combine(repoRoot, "src", "Workshop.Playground", release, "Workshop.Playground.dll");
        var benchHost = Path.Combine(repoRoot, "bench", "Workshop.Bench.Host", release, "Workshop.Bench.Host.dll");
        Servers =
        [
            new ServerSpec("playground", "dotnet", [playground, "--urls", "http://127.0.0.1:{port}"], aspNetCore, Path.GetDirectoryName(playground)!),
            new ServerSpec("bench-host", "dotnet", [benchHost, "--urls", "http://127.0.0.1:{port}"],
                new Dictionary<string, string>(aspNetCore) { ["Workshop__DataDirectory"] = Path.Combine(rawDirectory, "bench-host-data") },
                Path.GetDirectoryName(benchHost)!),
            new ServerSpec("node-ws", "node", ["ws-peer.js"], new Dictionary<string, string>(), node),
            new ServerSpec("node-express", "node", ["express-peer.js"], new Dictionary<string, string> { ["WEBHOOK_SECRET"] = webhookSecret }, node),
            new ServerSpec("raw", "node", ["raw-peer.js"], new Dictionary<string, string>(), node),
            new ServerSpec(SinkName, "node", ["raw-peer.js"], new Dictionary<string, string>(), node),
        ];
        Target[] all =
        [
            ReferenceTarget.Create(),
            new Target("node", "Node peer") { EchoServer = "node-ws", BroadcastServer = "node-ws", SseServer = "node-express", WebhookServer = "node-express" },
            new Target("raw", "raw limit") { EchoServer = "raw", BroadcastServer = "raw", SseServer = "raw", WebhookServer = "raw", ChecksSignatures = false },
        ];
        Targets = [.. all.Where(t => onlyTargets is null || onlyTargets.Contains(t.Key))];
    }

    /// <summary>The webhook sink (a second raw peer) the sender scenario delivers to; it runs on the generator core.</summary>
    public const string SinkName = "sink";

    public IReadOnlyList<ServerSpec> Servers { get; }
    public IReadOnlyList<Target> Targets { get; }

    public IEnumerable<string> ServerNamesInUse() => Targets
        .SelectMany(t => new[] { t.EchoServer, t.BroadcastServer, t.SseServer, t.WebhookServer, t.SenderServer })
        .OfType<string>()
        .Distinct()
        .Concat(Targets.Any(t => t.SenderServer is not null) ? [SinkName] : []);
}
