using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Protocols.WebSockets;
using Workshop.Protocols.WebSockets.Chat;

// In the framework's namespace (the ASP.NET Core convention) so Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the WebSocket services.</summary>
public static class WebSocketServiceCollectionExtensions
{
    /// <summary>
    /// Adds the WebSocket middleware, <see cref="RealtimeWebSocketOptions"/> bound from the <c>WebSockets</c> section,
    /// the <see cref="RealtimeWebSocketAcceptor"/>, the chat hub used by <c>MapChat</c> and its <see cref="IHubBackplane"/>
    /// (in memory unless another is registered, e.g. by <c>AddRedisBackplane</c> of Workshop.Protocols.Redis).
    /// </summary>
    public static IServiceCollection AddRealtimeWebSockets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RealtimeWebSocketOptions>()
            .Bind(configuration.GetSection(RealtimeWebSocketOptions.SectionName))
            // One key per message, so the failed start names the setting to fix.
            .Validate(o => o.MaxMessageBytes > 0, "WebSockets:MaxMessageBytes must be positive.")
            .Validate(o => o.SendQueueCapacity > 0, "WebSockets:SendQueueCapacity must be positive.")
            .Validate(o => o.MessageBurst > 0, "WebSockets:MessageBurst must be positive.")
            .Validate(o => o.MessagesPerSecond > 0 && double.IsFinite(o.MessagesPerSecond), "WebSockets:MessagesPerSecond must be a positive number.")
            .Validate(o => o.MaxConnections > 0, "WebSockets:MaxConnections must be positive.")
            .Validate(o => o.MaxConnectionsPerClient > 0, "WebSockets:MaxConnectionsPerClient must be positive.")
            .Validate(o => o.ConnectionRetryAfter > TimeSpan.Zero, "WebSockets:ConnectionRetryAfter must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RealtimeWebSocketAcceptor>();
        // In memory unless a backplane (AddRedisBackplane in Workshop.Protocols.Redis) registered a shared one.
        services.TryAddSingleton<IHubBackplane>(InMemoryHubBackplane.Instance);
        services.TryAddSingleton<Workshop.Protocols.Scaling.IRoomPresence>(Workshop.Protocols.Scaling.InMemoryRoomPresence.Instance);
        services.TryAddSingleton<ChatHub>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, WebSocketsStartupFilter>());
        return services;
    }
}
