using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 10: per-user notifications over SSE. A cookie session (<c>POST /login</c>), each user's own stream
/// (<c>GET /notifications/stream</c>: <c>event: notification</c> with ids, <c>event: unread</c>), mark-as-read
/// (<c>POST /notifications/{id}/read</c>), resume with Last-Event-ID, and one stream shared by every tab of a browser.
/// Notifications are sent with the lab's test tool <c>POST /notify {"to","text"}</c>.
/// </summary>
public sealed class NotificationsChecks : ILabCheckSet
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string LabId => "10";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("login", "sets an HttpOnly SameSite session cookie", "POST /login {\"name\":…} answers 2xx with a Set-Cookie that is HttpOnly and SameSite=Strict or Lax", SetsSafeCookie),
        new("login", "refuses a request without a session", "without a session cookie, or with a made-up one, GET /notifications/stream, GET /notifications and POST /notifications/{id}/read answer 401", RefusesAnonymous),
        new("login", "refuses a bad name", "POST /login with an empty name or one with markup answers 400", RefusesBadName),
        new("login", "refuses an oversized body", "POST /login with a 64 KB body answers 413: anyone can reach it, so the server reads no more than it needs", RefusesOversizedBody),
        new("isolation", "each user gets only their own", "with A's and B's streams open, a notification for A reaches A's stream and never B's, even when B asks for ?user=A; B's own arrives on B's", IsolatesUsers),
        new("read", "counts unread on the stream", "after two notifications the stream sends event: unread with data 2, and GET /notifications says unread 2", CountsUnread),
        new("read", "marks your own as read, idempotently", "POST /notifications/{id}/read on your own answers 2xx twice; unread drops by one, once, on GET /notifications and on the stream", MarksOwnRead),
        new("read", "refuses someone else's and unknown ids", "B marking A's notification answers 403 (or 404) and changes A's unread count not; an id that never existed answers 404", RefusesOthers),
        new("resume", "replays your missed notifications after Last-Event-ID", "a stream opened with Last-Event-ID: N first gets this user's notifications after N, in order, not N itself and none of another user's", ResumesPerUser),
        new("resume", "keeps a bounded inbox", "after 60 notifications to one user, GET /notifications lists at most 50, the newest among them, and marking the first (evicted) read answers 404", KeepsBoundedInbox),
        new("shared", "seven tabs share one stream", "seven tabs of the page in one browser all load and show a new notification, while at most one EventSource is open among them", SharedStreamProbe.SevenTabsShareOneStream) { Timeout = TimeSpan.FromSeconds(45) },
        new("shared", "another tab takes the stream over", "with three tabs open, closing the tab that holds the stream leaves the other two showing new notifications, still over at most one EventSource", SharedStreamProbe.AnotherTabTakesOver) { Timeout = TimeSpan.FromSeconds(35) },
    ];

    private static Task<SseProbe> StreamAsync(CheckContext context, HttpClient http, string path = "/notifications/stream", string? lastEventId = null) =>
        SseProbe.OpenAsync(http, path, Soon, context.CancellationToken, lastEventId);

    /// <summary>The first item (the unread count, sent once the stream is subscribed) shows the server is listening.</summary>
    private static Task SettleAsync(SseProbe sse) => sse.NextAsync(TimeSpan.FromSeconds(2));

    private static string Show(List<string> seen) => $"[{string.Join(", ", seen.TakeLast(6))}]";

    private static bool IsNotification(SseItem<string> e, string text) => e.EventType == "notification" && e.Data.Contains(text, StringComparison.Ordinal);

    private static async Task<CheckOutcome> SetsSafeCookie(CheckContext context)
    {
        using var user = await NotificationUser.SignInAsync(context, "ada");
        var cookie = user.SetCookies[0];
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        var ok = attributes.Contains("httponly") && (attributes.Contains("samesite=strict") || attributes.Contains("samesite=lax"));
        return CheckOutcome.When(ok, $"Set-Cookie: {cookie.Split(';')[0].Split('=')[0]}=…; {string.Join("; ", attributes)}");
    }

    private static async Task<CheckOutcome> RefusesAnonymous(CheckContext context)
    {
        using var stranger = NotificationUser.Client(context);
        using var forger = NotificationUser.Client(context);
        forger.DefaultRequestHeaders.Add("Cookie", "session=made-up-by-a-stranger");
        var seen = new List<string>();
        foreach (var (who, http) in new[] { ("no cookie", stranger), ("a made-up cookie", forger) })
        {
            seen.Add($"{who}: stream {await StatusOfStreamAsync(context, http)}");
            using var inbox = await http.GetAsync("/notifications", context.CancellationToken);
            seen.Add($"inbox {(int)inbox.StatusCode}");
            using var read = await http.PostAsync("/notifications/1/read", null, context.CancellationToken);
            seen.Add($"read {(int)read.StatusCode}");
        }
        var ok = seen.All(s => s.EndsWith(" 401", StringComparison.Ordinal));
        return CheckOutcome.When(ok, string.Join(", ", seen));
    }

    private static async Task<int> StatusOfStreamAsync(CheckContext context, HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/notifications/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken);
        return (int)response.StatusCode;
    }

    private static async Task<CheckOutcome> RefusesBadName(CheckContext context)
    {
        using var http = NotificationUser.Client(context);
        var statuses = new List<int>();
        foreach (var name in new[] { "", "<img src=x onerror=alert(1)>" })
        {
            using var response = await http.PostAsJsonAsync("/login", new { name }, context.CancellationToken);
            statuses.Add((int)response.StatusCode);
        }
        return CheckOutcome.When(statuses.All(s => s == 400), $"empty name: {statuses[0]}, a name with markup: {statuses[1]}");
    }

    private static async Task<CheckOutcome> RefusesOversizedBody(CheckContext context)
    {
        using var http = NotificationUser.Client(context);
        using var response = await http.PostAsJsonAsync("/login", new { name = new string('a', 64 * 1024) }, context.CancellationToken);
        return CheckOutcome.When(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"HTTP {(int)response.StatusCode}");
    }

    private static async Task<CheckOutcome> IsolatesUsers(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        using var b = await NotificationUser.SignInAsync(context, "bob");
        await using var streamA = await StreamAsync(context, a.Http);
        await using var streamB = await StreamAsync(context, b.Http);
        // An attacker's guess: EventSource cannot send headers, so maybe the server takes the user from the URL.
        await using var streamBAskingForA = await StreamAsync(context, b.Http, $"/notifications/stream?user={a.Name}");
        foreach (var sse in new[] { streamA, streamB, streamBAskingForA }) await SettleAsync(sse);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await NotificationUser.NotifyAsync(context, a.Name, $"for-a-{tag}");
        await NotificationUser.NotifyAsync(context, b.Name, $"for-b-{tag}");
        var seenA = new List<string>();
        var gotA = await streamA.NextMatchingAsync(e => IsNotification(e, $"for-a-{tag}"), Soon, seenA);
        // Each stream is in order: A's went first, so if B's stream carries it, it is there before B's own.
        var seenB = new List<string>();
        var firstB = await streamB.NextMatchingAsync(e => IsNotification(e, tag), Soon, seenB);
        var seenAttack = new List<string>();
        var firstAttack = await streamBAskingForA.NextMatchingAsync(e => IsNotification(e, tag), Soon, seenAttack);
        var ok = gotA is not null && firstB is { } fb && fb.Data.Contains($"for-b-{tag}", StringComparison.Ordinal)
            && firstAttack is { } fa && fa.Data.Contains($"for-b-{tag}", StringComparison.Ordinal);
        return CheckOutcome.When(ok, $"A's stream: {Show(seenA)}; B's stream: {Show(seenB)}; B's stream with ?user=A: {Show(seenAttack)}");
    }

    private static async Task<CheckOutcome> CountsUnread(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        await using var stream = await StreamAsync(context, a.Http);
        await SettleAsync(stream);
        await NotificationUser.NotifyAsync(context, a.Name, "one");
        await NotificationUser.NotifyAsync(context, a.Name, "two");
        var seen = new List<string>();
        var two = await stream.NextMatchingAsync(e => e.EventType == "unread" && e.Data.Trim() == "2", Soon, seen);
        var unread = await a.UnreadAsync(context.CancellationToken);
        return CheckOutcome.When(two is not null && unread == 2, $"stream: {Show(seen)}; GET /notifications unread: {unread}");
    }

    private static async Task<CheckOutcome> MarksOwnRead(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        await using var stream = await StreamAsync(context, a.Http);
        await SettleAsync(stream);
        var first = await NotificationUser.NotifyAsync(context, a.Name, "first");
        await NotificationUser.NotifyAsync(context, a.Name, "second");
        var seen = new List<string>();
        await stream.NextMatchingAsync(e => e.EventType == "unread" && e.Data.Trim() == "2", Soon, seen);
        var once = await a.MarkReadAsync(first, context.CancellationToken);
        var twice = await a.MarkReadAsync(first, context.CancellationToken);
        var unread = await a.UnreadAsync(context.CancellationToken);
        var one = await stream.NextMatchingAsync(e => e.EventType == "unread" && e.Data.Trim() == "1", Soon, seen);
        var ok = once is >= 200 and < 300 && twice is >= 200 and < 300 && unread == 1 && one is not null;
        return CheckOutcome.When(ok, $"mark #{first}: {once}, again: {twice}; GET /notifications unread: {unread} (2 before); stream: {Show(seen)}");
    }

    private static async Task<CheckOutcome> RefusesOthers(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        using var b = await NotificationUser.SignInAsync(context, "bob");
        var id = await NotificationUser.NotifyAsync(context, a.Name, "private");
        var before = await a.UnreadAsync(context.CancellationToken);
        var stolen = await b.MarkReadAsync(id, context.CancellationToken);
        var after = await a.UnreadAsync(context.CancellationToken);
        var unknown = await a.MarkReadAsync(id + 1_000_000_000, context.CancellationToken);
        var ok = stolen is 403 or 404 && after == before && unknown == 404;
        return CheckOutcome.When(ok, $"B marks A's #{id}: {stolen}, A's unread {before} → {after}; unknown id: {unknown}");
    }

    private static async Task<CheckOutcome> KeepsBoundedInbox(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        var first = 0L;
        var last = 0L;
        for (var i = 0; i < 60; i++)
        {
            last = await NotificationUser.NotifyAsync(context, a.Name, $"flood-{i}");
            if (i == 0) first = last;
        }
        var inbox = await a.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/notifications", context.CancellationToken);
        var ids = inbox.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).ToList();
        // The listing alone can be trimmed while everything stays stored: the evicted first one must be gone for real.
        var evicted = await a.MarkReadAsync(first, context.CancellationToken);
        return CheckOutcome.When(ids.Count <= 50 && ids.Contains(last) && evicted == 404,
            $"GET /notifications lists {ids.Count} notifications; the newest (#{last}) {(ids.Contains(last) ? "is" : "is not")} among them; marking the evicted first (#{first}) read: {evicted}");
    }

    private static async Task<CheckOutcome> ResumesPerUser(CheckContext context)
    {
        using var a = await NotificationUser.SignInAsync(context, "ada");
        var tag = Guid.NewGuid().ToString("N")[..6];
        string? lastSeen;
        await using (var live = await StreamAsync(context, a.Http))
        {
            await SettleAsync(live);
            await NotificationUser.NotifyAsync(context, a.Name, $"n1-{tag}");
            var seenLive = new List<string>();
            lastSeen = (await live.NextMatchingAsync(e => IsNotification(e, $"n1-{tag}"), Soon, seenLive))?.EventId;
            if (lastSeen is null) return CheckOutcome.Fail($"the live stream never carried n1-{tag} with an id: {Show(seenLive)}");
        }
        // Away: one for A, one for someone else, one more for A.
        await NotificationUser.NotifyAsync(context, a.Name, $"n2-{tag}");
        await NotificationUser.NotifyAsync(context, NotificationUser.NewName("bob"), $"other-{tag}");
        await NotificationUser.NotifyAsync(context, a.Name, $"n3-{tag}");
        await using var resumed = await StreamAsync(context, a.Http, lastEventId: lastSeen);
        var got = new List<string>();
        var seen = new List<string>();
        while (got.Count < 3 && await resumed.NextMatchingAsync(e => IsNotification(e, tag), got.Count < 2 ? Soon : TimeSpan.FromMilliseconds(300), seen) is { } e)
        {
            got.Add(e.Data.Contains($"n2-{tag}", StringComparison.Ordinal) ? "n2" : e.Data.Contains($"n3-{tag}", StringComparison.Ordinal) ? "n3"
                : e.Data.Contains($"n1-{tag}", StringComparison.Ordinal) ? "n1" : "other");
        }
        return CheckOutcome.When(got.SequenceEqual(["n2", "n3"]), $"after Last-Event-ID {lastSeen} the stream gave [{string.Join(", ", got)}]; all events: {Show(seen)}");
    }
}
