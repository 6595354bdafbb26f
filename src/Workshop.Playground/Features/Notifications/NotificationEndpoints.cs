using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// Lab 10's contract: <c>POST /login</c>, the signed-in user's stream (<c>GET /notifications/stream</c>), inbox
/// (<c>GET /notifications</c>) and mark-as-read (<c>POST /notifications/{id}/read</c>), and the test tool
/// <c>POST /notify</c>. Every error is problem+json with a <c>reason</c>.
/// </summary>
internal static class NotificationEndpoints
{
    public static IResult Login(LoginRequest body, HttpContext context, NotificationSessions sessions, IOptions<NotificationsOptions> options)
    {
        if (!UserName.IsValid(body.Name)) return HttpProblems.Result(StatusCodes.Status400BadRequest, "bad-name", "Bad name", UserName.Rule);
        var session = sessions.Create(body.Name!);
        // HttpOnly: no script can read the session (an XSS cannot steal it). SameSite=Strict: requests other sites
        // start go without it (no CSRF on mark-as-read). Secure whenever the page came over https.
        context.Response.Cookies.Append(NotificationSessions.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = options.Value.SessionIdle,
        });
        return TypedResults.Ok(new { name = body.Name });
    }

    public static async Task<IResult> Stream(HttpContext context, NotificationSessions sessions, NotificationCenter center, IHostApplicationLifetime lifetime,
        IOptions<ServerSentEventsOptions> sse, TimeProvider clock)
    {
        if (sessions.UserOf(context) is not { } user) return SignInFirst();
        // A reconnecting EventSource sends the last id it saw; anything else is no resume point.
        long? lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : null;
        var stream = center.TryOpen(user, lastEventId, out var refusal);
        if (stream is null)
        {
            return refusal == StreamRefusal.UserFull
                ? HttpProblems.Result(StatusCodes.Status429TooManyRequests, "too-many-streams", "Too many streams", "This user already holds the most open streams allowed; close a tab (or share one stream among tabs) and retry.")
                : HttpProblems.Result(StatusCodes.Status503ServiceUnavailable, "server-full", "Server full", "The server holds the most open streams it allows; retry later.");
        }
        // Whatever happens to the response (even a client gone before the first item), the stream's place comes back.
        context.Response.RegisterForDispose(stream);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await NotificationStreamWriter.WriteAsync(context.Response, stream, sse.Value.HeartbeatInterval, clock, stopping.Token);
        return TypedResults.Empty;
    }

    public static IResult Inbox(HttpContext context, NotificationSessions sessions, NotificationCenter center)
    {
        if (sessions.UserOf(context) is not { } user) return SignInFirst();
        var (unread, items) = center.InboxSnapshot(user);
        return TypedResults.Ok(new { user, unread, items = items.Select(n => new { id = n.Id, text = n.Text, read = n.Read }) });
    }

    public static IResult MarkRead(long id, HttpContext context, NotificationSessions sessions, NotificationCenter center)
    {
        if (sessions.UserOf(context) is not { } user) return SignInFirst();
        return center.MarkRead(user, id) switch
        {
            ReadOutcome.Read => TypedResults.Ok(new { id, unread = center.InboxSnapshot(user).Unread }),
            ReadOutcome.Forbidden => HttpProblems.Result(StatusCodes.Status403Forbidden, "not-yours", "Not yours", "That notification belongs to someone else; nothing changed."),
            _ => HttpProblems.Result(StatusCodes.Status404NotFound, "no-such-notification", "No such notification", "No notification has that id (or it expired)."),
        };
    }

    // The lab's test tool (a real app notifies from its own code): bounded like everything a stranger can reach.
    public static IResult Notify(NotifyRequest body, NotificationCenter center, IOptions<NotificationsOptions> options)
    {
        if (!UserName.IsValid(body.To)) return HttpProblems.Result(StatusCodes.Status400BadRequest, "bad-name", "Bad name", UserName.Rule);
        var max = options.Value.MaxTextLength;
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > max)
        {
            return HttpProblems.Result(StatusCodes.Status400BadRequest, "bad-text", "Bad text", $"text is 1 to {max} characters");
        }
        return TypedResults.Ok(new { id = center.Notify(body.To!, body.Text) });
    }

    // Not a guest: a request without a valid session is someone not signed in, and gets nothing.
    private static IResult SignInFirst() =>
        HttpProblems.Result(StatusCodes.Status401Unauthorized, "sign-in-required", "Sign in first", "POST /login sets the session cookie; this endpoint needs it.");
}
