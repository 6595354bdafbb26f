using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workshop.Protocols.Redis;

/// <summary>What <c>/health</c> shows about the backplane (the body the playground writes for a health report).</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> while the Redis backplane is unreachable (<c>unhealthy</c> if a check says so).</param>
/// <param name="Backplane"><c>memory</c> or <c>redis</c>.</param>
/// <param name="Reason">Why it is degraded (which endpoint, since when, what failed); null when ok.</param>
public sealed record BackplaneHealthReport(string Status, string Backplane, string? Reason)
{
    /// <summary>Summarises an ASP.NET Core health report: the worst status, the backplane kind and the first problem.</summary>
    public static BackplaneHealthReport From(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Status switch
        {
            HealthStatus.Healthy => "ok",
            HealthStatus.Degraded => "degraded",
            _ => "unhealthy",
        };
        var backplane = report.Entries.Values.Select(e => e.Data.TryGetValue("backplane", out var kind) ? kind as string : null)
            .FirstOrDefault(kind => kind is not null) ?? "memory";
        var reason = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy)
            .Select(e => e.Description ?? e.Exception?.Message).FirstOrDefault();
        return new BackplaneHealthReport(status, backplane, reason);
    }
}
