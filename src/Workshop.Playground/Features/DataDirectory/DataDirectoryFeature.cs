namespace Workshop.Playground.Features.DataDirectory;

/// <summary>Registers the one <see cref="PlaygroundDataDirectory"/> and the lock that keeps a second instance off it.</summary>
public static class DataDirectoryFeature
{
    /// <summary>
    /// Resolves the data directory now and takes its <c>instance.lock</c> at once, before anything writes to it: a
    /// second playground on the same directory is refused at start with a clear message (see <see cref="DataDirectoryLock"/>).
    /// </summary>
    public static IServiceCollection AddPlaygroundDataDirectory(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (services.Any(d => d.ServiceType == typeof(PlaygroundDataDirectory))) return services;
        var directory = PlaygroundDataDirectory.Resolve(configuration, environment.ContentRootPath);
        var held = new DataDirectoryLock(directory.Path);
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(_ => held)); // created by a factory: disposed by the host
        services.AddSingleton(directory);
        return services;
    }
}
