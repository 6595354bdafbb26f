using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// Who is signed in to the notifications demo: a random session id (the cookie's value) → a user name. Bounded: at
/// most <see cref="NotificationsOptions.MaxSessions"/> (the one used longest ago goes when a new one would not fit),
/// each forgotten after <see cref="NotificationsOptions.SessionIdle"/> unused. Anyone may sign in, so nothing here
/// may grow without limit.
/// </summary>
public sealed class NotificationSessions(TimeProvider clock, IOptions<NotificationsOptions> options)
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "session";

    private readonly NotificationsOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string User, DateTimeOffset Seen)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions held now (never more than <see cref="NotificationsOptions.MaxSessions"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _sessions.Count;
        }
    }

    /// <summary>Starts a session for <paramref name="user"/> and returns its id (256 random bits, URL-safe).</summary>
    public string Create(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_sessions.Count >= _options.MaxSessions) SweepLocked(now);
            if (_sessions.Count >= _options.MaxSessions) _sessions.Remove(_sessions.MinBy(s => s.Value.Seen).Key);
            _sessions[id] = (user, now);
        }
        return id;
    }

    /// <summary>The signed-in user of this request (from its session cookie), or null; a use keeps the session alive.</summary>
    public string? UserOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } id) return null;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session)) return null;
            if (now - session.Seen > _options.SessionIdle)
            {
                _sessions.Remove(id);
                return null;
            }
            _sessions[id] = (session.User, now);
            return session.User;
        }
    }

    /// <summary>Forgets every session unused for longer than <see cref="NotificationsOptions.SessionIdle"/>.</summary>
    public void Sweep()
    {
        var now = clock.GetUtcNow();
        lock (_gate) SweepLocked(now);
    }

    private void SweepLocked(DateTimeOffset now)
    {
        foreach (var stale in _sessions.Where(s => now - s.Value.Seen > _options.SessionIdle).Select(s => s.Key).ToList()) _sessions.Remove(stale);
    }
}
