using System.Security.Cryptography;

/// <summary>
/// Who is signed in: a random session id (the cookie's value) → a user name. Bounded: at most
/// <see cref="MaxSessions"/> sessions (the oldest goes when a new one would not fit), each forgotten after
/// <see cref="IdleFor"/> without use. Anyone may sign in, so nothing here may grow without limit.
/// </summary>
public sealed class SessionStore(TimeProvider clock)
{
    public const string CookieName = "session";
    public const int MaxSessions = 1000;
    public static readonly TimeSpan IdleFor = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string User, DateTimeOffset Seen)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for <paramref name="user"/> and returns its id (256 random bits, URL-safe).</summary>
    public string Create(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var stale in _sessions.Where(s => now - s.Value.Seen > IdleFor).Select(s => s.Key).ToList()) _sessions.Remove(stale);
            if (_sessions.Count >= MaxSessions) _sessions.Remove(_sessions.MinBy(s => s.Value.Seen).Key);
            _sessions[id] = (user, now);
        }
        return id;
    }

    /// <summary>The signed-in user of this request (from its session cookie), or null.</summary>
    public string? UserOf(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } id) return null;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session)) return null;
            if (now - session.Seen > IdleFor)
            {
                _sessions.Remove(id);
                return null;
            }
            _sessions[id] = (session.User, now);
            return session.User;
        }
    }

    /// <summary>Ends the session of this request, if any.</summary>
    public void End(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } id) return;
        lock (_gate) _sessions.Remove(id);
    }
}
