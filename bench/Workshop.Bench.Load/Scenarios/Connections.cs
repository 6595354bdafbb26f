namespace Workshop.Bench.Load.Scenarios;

/// <summary>Opens many connections a few dozen at a time, and closes them all if one fails.</summary>
internal static class Connections
{
    public static async Task<T[]> OpenAsync<T>(int count, Func<int, Task<T>> open, int atOnce = 64) where T : IDisposable
    {
        var results = new T[count];
        using var gate = new SemaphoreSlim(atOnce);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try { results[i] = await open(i); }
            finally { gate.Release(); }
        }).ToArray();
        try
        {
            await Task.WhenAll(tasks);
            return results;
        }
        catch
        {
            CloseAll(results);
            throw;
        }
    }

    public static void CloseAll<T>(IEnumerable<T?> connections) where T : IDisposable
    {
        foreach (var connection in connections) connection?.Dispose();
    }

    /// <summary>Awaits loops that end by cancellation or by their connection being closed.</summary>
    public static async Task DrainAsync(IEnumerable<Task> loops)
    {
        try { await Task.WhenAll(loops); }
        catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Expected: the loops are stopped by cancelling them.
        }
    }
}
