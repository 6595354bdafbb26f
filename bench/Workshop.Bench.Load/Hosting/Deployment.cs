namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// What one target runs a scenario on: the instances clients connect to (one for every target but the scale-out
/// set-up, which has two) and every process whose CPU counts as the server's (the instances, plus Redis).
/// </summary>
internal sealed record Deployment(IReadOnlyList<ServerProcess> Instances, IReadOnlyList<int> ServerPids)
{
    public static Deployment Single(ServerProcess server) => new([server], [server.Pid]);

    /// <summary>The first instance: where publishes go and what the single-endpoint scenarios use.</summary>
    public ServerProcess Primary => Instances[0];

    public int Port => Primary.Port;

    public IReadOnlyList<int> Ports => [.. Instances.Select(i => i.Port)];
}
