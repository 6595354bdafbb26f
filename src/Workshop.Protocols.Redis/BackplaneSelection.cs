using Microsoft.Extensions.Configuration;

namespace Workshop.Protocols.Redis;

/// <summary>Reads which backplane an area (<c>WebSockets</c>, <c>ServerSentEvents</c>) uses from configuration.</summary>
internal static class BackplaneSelection
{
    public const string Memory = "memory";
    public const string Redis = "redis";

    /// <summary>
    /// <c>{area}:Backplane</c> = <c>redis</c> or <c>memory</c> decides; when it is unset, a non-empty
    /// <c>Redis:Configuration</c> means Redis. Anything else is a configuration error, refused at startup.
    /// </summary>
    public static bool UsesRedis(IConfiguration configuration, string area)
    {
        var chosen = configuration[$"{area}:Backplane"];
        if (string.IsNullOrWhiteSpace(chosen))
            return !string.IsNullOrWhiteSpace(configuration[$"{RedisBackplaneOptions.SectionName}:Configuration"]);
        if (string.Equals(chosen, Redis, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(chosen, Memory, StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException($"{area}:Backplane must be 'memory' or 'redis', not '{chosen}'.");
    }
}
