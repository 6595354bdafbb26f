namespace Workshop.Playground.Features.DataDirectory;

/// <summary>
/// Holds an exclusive lock on <c>instance.lock</c> in the data directory for the life of the process, so a second
/// playground started on the same directory (two instances from one checkout) is refused at start with a clear
/// message: two instances sharing <c>webhooks.db</c> would each send the other's deliveries under its own
/// configuration. The operating system releases the lock when the process ends, even when it is killed.
/// </summary>
/// <remarks>
/// Taken while services are registered (<see cref="DataDirectoryFeature.AddPlaygroundDataDirectory"/>), before anything writes
/// to the directory: mapping the course site rebuilds <c>{data}/site</c> before the host starts, so a lock taken by
/// the host would come after a refused instance had already wiped the running one's site. Registered as a hosted
/// service, so the host disposes it (and releases the lock) when it stops.
/// </remarks>
internal sealed class DataDirectoryLock : IHostedService, IDisposable
{
    public const string FileName = "instance.lock";

    private readonly FileStream _lock;

    public DataDirectoryLock(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another playground instance is already running on the data directory '{directory}' (it holds {FileName}). " +
                "Two instances must not share webhooks.db: each would send the other's webhook deliveries under its own configuration. " +
                "Give each instance its own directory: Workshop:DataDirectory (environment variable Workshop__DataDirectory).", e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock.Dispose();
}
