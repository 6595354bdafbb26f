namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Spreads clients over the endpoints of a deployment, alternating (client i to endpoint i mod n), so two
/// instances get half each and a client that fails to connect does not skew one side.
/// </summary>
internal static class ClientSplit
{
    public static int EndpointOf(int client, int endpoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(endpoints, 1);
        return client % endpoints;
    }

    /// <summary>How many of <paramref name="clients"/> each endpoint gets.</summary>
    public static int[] Counts(int clients, int endpoints)
    {
        var counts = new int[endpoints];
        for (var i = 0; i < clients; i++) counts[EndpointOf(i, endpoints)]++;
        return counts;
    }

    /// <summary>The port client <paramref name="client"/> connects to.</summary>
    public static int PortOf(int client, IReadOnlyList<int> ports) => ports[EndpointOf(client, ports.Count)];
}
