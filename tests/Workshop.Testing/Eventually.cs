namespace Workshop.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping for a fixed time.</summary>
public static class Eventually
{
    /// <summary>Default deadline: generous for a loaded 2-core CI machine, short enough to fail fast.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls <paramref name="condition"/> until it holds or the timeout passes, then fails with <paramref name="what"/>.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
        => await HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds or the timeout passes.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting until {what}.");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    /// <summary>Awaits <paramref name="task"/> or fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    /// <summary>Awaits <paramref name="task"/> or fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WithinAsync(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting for {what}.");
        }
    }
}
