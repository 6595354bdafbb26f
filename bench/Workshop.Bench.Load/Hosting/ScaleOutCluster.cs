namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// The running two-instance set-up: redis-server, then instance A and B pointed at it, all on the server core.
/// Started once, when the first scale-out scenario needs it; stopped (SIGKILL, nothing is persisted) on dispose.
/// </summary>
internal sealed class ScaleOutCluster : IDisposable
{
    private ScaleOutCluster(ServerProcess redis, ServerProcess a, ServerProcess b)
    {
        Redis = redis;
        A = a;
        B = b;
    }

    public ServerProcess Redis { get; }
    public ServerProcess A { get; }
    public ServerProcess B { get; }

    public IEnumerable<ServerProcess> Processes => [Redis, A, B];

    /// <summary>Clients alternate between A and B; the server CPU is A + B + Redis.</summary>
    public Deployment Deployment => new([A, B], [A.Pid, B.Pid, Redis.Pid]);

    public static async Task<ScaleOutCluster> StartAsync(Setup setup, int core, string rawDirectory, TimeSpan timeout)
    {
        var redisServer = ScaleOutSetUp.FindRedisServer(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException(ScaleOutSetUp.InstallHint);
        var benchHost = setup.Servers.Single(s => s.Name == "bench-host");
        var redis = await ServerProcess.StartAsync(ScaleOutSetUp.Redis(redisServer, rawDirectory), core, rawDirectory, timeout);
        ServerProcess? a = null;
        try
        {
            a = await ServerProcess.StartAsync(ScaleOutSetUp.Instance(benchHost, ScaleOutSetUp.InstanceA, redis.Port, rawDirectory), core, rawDirectory, timeout);
            var b = await ServerProcess.StartAsync(ScaleOutSetUp.Instance(benchHost, ScaleOutSetUp.InstanceB, redis.Port, rawDirectory), core, rawDirectory, timeout);
            return new ScaleOutCluster(redis, a, b);
        }
        catch
        {
            a?.Dispose();
            redis.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        Redis.Dispose();
    }
}
