namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// The two-instance set-up: a dedicated redis-server (its own free port on 127.0.0.1, no persistence) and two
/// bench hosts configured only by <c>Redis__Configuration</c>, all three pinned to the server core. Clients are
/// split between instance A and B; publishes go to A, so every delivery on B has crossed Redis.
/// </summary>
internal static class ScaleOutSetUp
{
    /// <summary>The server name the two-instance target uses for broadcast and SSE; the driver resolves it to the group.</summary>
    public const string GroupName = "scaleout";

    public const string RedisName = "scaleout-redis";
    public const string InstanceA = "scaleout-a";
    public const string InstanceB = "scaleout-b";

    /// <summary>The reference at two instances joined by the Redis backplane (compared with the one-instance reference).</summary>
    public static Target Create() => ReferenceTarget.Create() with
    {
        Key = "two-instances",
        Label = "two instances + Redis",
        EchoServer = null,
        WebhookServer = null,
        SenderServer = null,
        BroadcastServer = GroupName,
        SseServer = GroupName,
    };

    public static ServerSpec Redis(string redisServer, string rawDirectory) => new(RedisName, redisServer,
        ["--bind", "127.0.0.1", "--port", "{port}", "--save", "", "--appendonly", "no", "--dir", rawDirectory, "--daemonize", "no"],
        new Dictionary<string, string>(), rawDirectory);

    /// <summary>A second copy of the bench host's spec, pointed at Redis and given its own data directory.</summary>
    public static ServerSpec Instance(ServerSpec benchHost, string name, int redisPort, string rawDirectory)
    {
        var environment = new Dictionary<string, string>(benchHost.Environment)
        {
            ["Redis__Configuration"] = $"127.0.0.1:{redisPort}",
            ["Redis__KeyPrefix"] = "bench:",
            ["Workshop__DataDirectory"] = Path.Combine(rawDirectory, name + "-data"),
        };
        return benchHost with { Name = name, Environment = environment };
    }

    /// <summary>Where redis-server is (PATH, then the usual Debian and local places), or null.</summary>
    public static string? FindRedisServer(string? path)
    {
        var directories = (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
    }

    public const string InstallHint =
        "redis-server not found: the scale-out scenarios need it (Debian/Ubuntu: apt-get install redis-server; " +
        "bench/run.sh installs it when run as root, scripts/ensure-redis.sh with sudo)";
}
