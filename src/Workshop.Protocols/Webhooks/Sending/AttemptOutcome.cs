using System.Net;
using System.Net.Http.Headers;

namespace Workshop.Protocols.Webhooks;

/// <summary>What one attempt's answer means for the delivery.</summary>
internal enum AttemptVerdict
{
    Success,
    Retry,
    DisableEndpoint,
}

/// <summary>Classifies an HTTP answer: only 2xx succeeds; 3xx is a failure; 410 disables; 429/503 may carry Retry-After.</summary>
internal static class AttemptOutcome
{
    public static (AttemptVerdict Verdict, string? Error, TimeSpan? RetryAfter) Classify(HttpResponseMessage response, DateTimeOffset now)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300) return (AttemptVerdict.Success, null, null);
        if (response.StatusCode == HttpStatusCode.Gone) return (AttemptVerdict.DisableEndpoint, "410 Gone: the endpoint is disabled.", null);
        if (code is >= 300 and < 400)
            return (AttemptVerdict.Retry, $"{code} redirect to '{response.Headers.Location}' is not followed.", null);
        TimeSpan? retryAfter = null;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            retryAfter = ReadRetryAfter(response.Headers.RetryAfter, now);
        return (AttemptVerdict.Retry, $"{code} {response.ReasonPhrase}".TrimEnd(), retryAfter);
    }

    private static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta;
        if (header.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return RetryAfter.TryParse(header.ToString(), now, out var parsed) ? parsed : null;
    }
}
