using System.Globalization;

namespace Workshop.Protocols.Webhooks;

/// <summary>Parses the <c>Retry-After</c> header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
public static class RetryAfter
{
    /// <summary>
    /// The delay the header asks for, relative to <paramref name="now"/> (a date in the past gives zero);
    /// false when the value is absent or unparsable.
    /// </summary>
    public static bool TryParse(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value)) return false;
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            delay = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
            return true;
        }
        // HTTP dates are IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): the "r" format.
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            delay = date > now ? date - now : TimeSpan.Zero;
            return true;
        }
        return false;
    }
}
