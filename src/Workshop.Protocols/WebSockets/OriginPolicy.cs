using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.WebSockets;

/// <summary>The cross-site WebSocket hijacking guard: browsers always send Origin, so it is checked before the upgrade.</summary>
internal static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, IEnumerable<string> allowedOrigins)
    {
        var origin = request.Headers.Origin.ToString();
        // No Origin: not a browser (curl, a .NET client, a test), which cookies cannot be hijacked through.
        if (string.IsNullOrEmpty(origin)) return true;
        var self = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)) return true;
        return allowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
