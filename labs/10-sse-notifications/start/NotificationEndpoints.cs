/// <summary>
/// The signed-in user's stream (<c>GET /notifications/stream</c>), inbox (<c>GET /notifications</c>) and
/// mark-as-read (<c>POST /notifications/{id}/read</c>), plus the lab's test tool <c>POST /notify</c>.
/// </summary>
public static class NotificationEndpoints
{
    public static void MapNotifications(this WebApplication app)
    {
        app.MapGet("/notifications/stream", Stream);
        app.MapGet("/notifications", Inbox);
        app.MapPost("/notifications/{id:long}/read", MarkRead);
        app.MapPost("/notify", Notify);
    }

    private static IResult SignInFirst() =>
        Results.Problem("sign in first: POST /login sets the session cookie", statusCode: StatusCodes.Status401Unauthorized);

    // TODO 1 (login): a request without a valid session gets served as "nobody" below. Make the stream, the inbox
    //        and mark-as-read answer SignInFirst() (401) instead, before they do anything else.
    private static string UserOrNobody(HttpContext context, SessionStore sessions) => sessions.UserOf(context) ?? "";

    private static IResult Stream(HttpContext context, SessionStore sessions, NotificationCenter center, IHostApplicationLifetime lifetime)
    {
        var user = UserOrNobody(context, sessions);
        if (center.StreamsOf(user) >= NotificationCenter.MaxStreamsPerUser)
        {
            return Results.Problem($"at most {NotificationCenter.MaxStreamsPerUser} open streams per user", statusCode: StatusCodes.Status429TooManyRequests);
        }
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stopping);
        // A reconnecting EventSource sends the last id it saw in the Last-Event-ID header.
        long? lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : null;
        return TypedResults.ServerSentEvents(center.WatchAsync(user, lastEventId, stopping.Token));
    }

    private static IResult Inbox(HttpContext context, SessionStore sessions, NotificationCenter center)
    {
        var user = UserOrNobody(context, sessions);
        var (unread, items) = center.InboxSnapshot(user);
        return Results.Ok(new { user, unread, items = items.Select(n => new { id = n.Id, text = n.Text, read = n.Read }) });
    }

    private static IResult MarkRead(long id, HttpContext context, SessionStore sessions, NotificationCenter center)
    {
        var user = UserOrNobody(context, sessions);
        return center.MarkRead(user, id) switch
        {
            ReadOutcome.Read => Results.Ok(new { id, unread = center.InboxSnapshot(user).Unread }),
            ReadOutcome.Forbidden => Results.Problem("that notification is not yours", statusCode: StatusCodes.Status403Forbidden),
            _ => Results.Problem("no such notification", statusCode: StatusCodes.Status404NotFound),
        };
    }

    // The lab's test tool (a real app would notify from its own code, not from an open endpoint): bounded like
    // everything a stranger can reach: a valid name, at most 280 characters, and the inbox keeps 50 for an hour.
    private static IResult Notify(NotifyRequest body, NotificationCenter center)
    {
        if (!UserName.IsValid(body.To)) return Results.Problem(UserName.Rule, statusCode: StatusCodes.Status400BadRequest);
        if (body.Text is not { Length: > 0 and <= 280 } text || string.IsNullOrWhiteSpace(text))
        {
            return Results.Problem("text is 1 to 280 characters", statusCode: StatusCodes.Status400BadRequest);
        }
        return Results.Ok(new { id = center.Notify(body.To!, text) });
    }
}
