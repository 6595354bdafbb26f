using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 08 (capstone): the check plays the payment gateway. It signs Standard Webhooks requests with the lab's dev
/// secret and posts <c>payment.captured</c> / <c>payment.failed</c> to <c>POST /webhooks/payments</c>; accepted
/// payments must reach the dashboard stream (<c>GET /events</c>, <c>event: payment</c>) and the operators' chat
/// (<c>/ws/ops?name=…</c>), and the page must show them, inert. It plays a Razorpay-style gateway too
/// (<see cref="PaymentsDashboardRazorpayChecks"/>, on <c>POST /webhooks/razorpay</c>).
/// </summary>
public sealed class PaymentsDashboardChecks : ILabCheckSet
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    // Another valid whsec_ secret: what an attacker who does not know the real one would sign with.
    private const string WrongSecret = "whsec_bm90LXRoZS1nYXRld2F5cy1zZWNyZXQtYXQtYWxsIQ==";

    /// <inheritdoc />
    public string LabId => "08";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("verify", "accepts a correctly signed payment", "a payment.captured signed with the dev secret is answered 2xx", AcceptsSigned),
        new("verify", "rejects a wrong signature", "a request signed with another secret is answered 401", RejectsWrongSecret),
        new("verify", "verifies the raw body", "a body re-serialized after signing (same JSON, other spacing) is answered 401", RejectsReserialized),
        new("verify", "rejects a stale timestamp", "a correctly signed request whose webhook-timestamp is 10 minutes old is answered 401", RejectsStale),
        new("verify", "rejects a request without signature", "a request without webhook-id/-timestamp/-signature headers is answered 401", RejectsUnsigned),
        new("idempotent", "a redelivery counts once", "the same webhook-id delivered twice is answered 2xx both times and reaches the dashboard once", CountsOnce),
        new("dashboard", "streams accepted payments with ids", "GET /events is text/event-stream; a captured and a failed payment arrive as \"payment\" events with ids and their status", StreamsPayments),
        new("dashboard", "replays after Last-Event-ID", "a stream opened with Last-Event-ID: N gets the payments after N, in order, and not N itself", Replays),
        new("ops", "announces payments to operators", "an operator on /ws/ops receives {\"type\":\"payment\",\"payment\":{\"id\":…}} for an accepted payment", AnnouncesPayments),
        new("ops", "operators talk to each other", "Ana's text reaches Bob as {\"type\":\"message\",\"name\":\"Ana\",\"text\":…}", OperatorsTalk),
        new("page", "a payment shows in the dashboard and the chat", "after a payment of 12.34, #total grows by 12.34 and the payment's id appears in #payments and #chat (once #ops-state says online)", PageShowsPayment) { Timeout = TimeSpan.FromSeconds(25) },
        new("page", "an XSS payload stays inert", "a description and a chat line <img src=x onerror=…> are shown as text in #payments and #chat; no element is created, no script runs", PageStaysInert) { Timeout = TimeSpan.FromSeconds(25) },
        .. PaymentsDashboardRazorpayChecks.All,
    ];

    private static Uri Receiver(CheckContext c) => c.HttpUrl(PaymentGateway.Path);

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<CheckOutcome> ExpectStatusAsync(Task<HttpResponseMessage> sending, Func<HttpStatusCode, bool> ok, string expected)
    {
        using var response = await sending;
        return CheckOutcome.When(ok(response.StatusCode), $"answered {(int)response.StatusCode} (expected {expected})");
    }

    private static bool Is401(HttpStatusCode s) => s == HttpStatusCode.Unauthorized;

    private static string Captured(string tag, long amount = 1000, string description = "coffee") => PaymentGateway.Event("payment.captured", $"pay_{tag}", amount, description);

    private static Task<CheckOutcome> AcceptsSigned(CheckContext c) =>
        ExpectStatusAsync(PaymentGateway.PostAsync(c.Http, Receiver(c), "msg_" + Tag(), Captured(Tag()), c.CancellationToken), s => (int)s is >= 200 and < 300, "2xx");

    private static Task<CheckOutcome> RejectsWrongSecret(CheckContext c) =>
        ExpectStatusAsync(PaymentGateway.PostAsync(c.Http, Receiver(c), "msg_" + Tag(), Captured(Tag()), c.CancellationToken, secret: WrongSecret), Is401, "401");

    private static Task<CheckOutcome> RejectsReserialized(CheckContext c)
    {
        var compact = Captured(Tag());
        var spaced = JsonSerializer.Serialize(JsonDocument.Parse(compact).RootElement, new JsonSerializerOptions { WriteIndented = true });
        return ExpectStatusAsync(PaymentGateway.PostAsync(c.Http, Receiver(c), "msg_" + Tag(), spaced, c.CancellationToken, signedBody: compact), Is401, "401");
    }

    private static Task<CheckOutcome> RejectsStale(CheckContext c) =>
        ExpectStatusAsync(PaymentGateway.PostAsync(c.Http, Receiver(c), "msg_" + Tag(), Captured(Tag()), c.CancellationToken, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10)), Is401, "401");

    private static Task<CheckOutcome> RejectsUnsigned(CheckContext c) =>
        ExpectStatusAsync(PaymentGateway.PostAsync(c.Http, Receiver(c), "msg_" + Tag(), Captured(Tag()), c.CancellationToken, withHeaders: false), Is401, "401");

    private static string Show(List<string> seen) => $"[{string.Join(", ", seen.TakeLast(5))}]";

    private static async Task<CheckOutcome> CountsOnce(CheckContext c)
    {
        var tag = Tag();
        await using var sse = await SseProbe.OpenAsync(c.Http, "/events", Soon, c.CancellationToken);
        var webhookId = "msg_" + tag;
        var body = Captured(tag);
        var codes = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            // A real gateway's retry: the same id and body, a fresh timestamp and signature.
            using var response = await PaymentGateway.PostAsync(c.Http, Receiver(c), webhookId, body, c.CancellationToken);
            codes.Add((int)response.StatusCode);
        }
        await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_marker_{tag}", 1, "marker", c.CancellationToken);
        var seen = new List<string>();
        var count = 0;
        while (await sse.NextMatchingAsync(e => e.EventType == "payment" && e.Data.Contains(tag, StringComparison.Ordinal), Soon, seen) is { } e)
        {
            if (e.Data.Contains("pay_marker_", StringComparison.Ordinal)) break;
            count++;
        }
        var ok = codes.All(code => code is >= 200 and < 300) && count == 1;
        return CheckOutcome.When(ok, $"answers [{string.Join(", ", codes)}]; the dashboard got pay_{tag} {count} time(s): {Show(seen)}");
    }

    private static bool HasPayment(string data, string id, string status)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            var root = doc.RootElement;
            return root.TryGetProperty("id", out var i) && i.GetString() == id && root.TryGetProperty("status", out var s) && s.GetString() == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<CheckOutcome> StreamsPayments(CheckContext c)
    {
        var tag = Tag();
        await using var sse = await SseProbe.OpenAsync(c.Http, "/events", Soon, c.CancellationToken);
        var type = sse.Response.Content.Headers.ContentType?.MediaType;
        if (type != "text/event-stream") return CheckOutcome.Fail($"Content-Type is {type ?? "missing"}");
        await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_ok_{tag}", 1500, "tea", c.CancellationToken);
        await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.failed", $"pay_ko_{tag}", 700, "cake", c.CancellationToken);
        var seen = new List<string>();
        var ok = await sse.NextMatchingAsync(e => e.EventType == "payment" && HasPayment(e.Data, $"pay_ok_{tag}", "captured"), Soon, seen);
        var ko = await sse.NextMatchingAsync(e => e.EventType == "payment" && HasPayment(e.Data, $"pay_ko_{tag}", "failed"), Soon, seen);
        var passed = ok?.EventId is { Length: > 0 } && ko?.EventId is { Length: > 0 };
        return CheckOutcome.When(passed, $"saw {Show(seen)}");
    }

    private static async Task<CheckOutcome> Replays(CheckContext c)
    {
        var tag = Tag();
        string? firstId;
        await using (var live = await SseProbe.OpenAsync(c.Http, "/events", Soon, c.CancellationToken))
        {
            foreach (var name in new[] { "a", "b", "c" }) await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_{name}_{tag}", 100, name, c.CancellationToken);
            var seenLive = new List<string>();
            firstId = (await live.NextMatchingAsync(e => e.EventType == "payment" && e.Data.Contains($"pay_a_{tag}", StringComparison.Ordinal), Soon, seenLive))?.EventId;
            if (firstId is null) return CheckOutcome.Fail($"the live stream never carried pay_a_{tag} with an id: {Show(seenLive)}");
        }
        await using var resumed = await SseProbe.OpenAsync(c.Http, "/events", Soon, c.CancellationToken, lastEventId: firstId);
        var got = new List<string>();
        var seen = new List<string>();
        while (got.Count < 2 && await resumed.NextMatchingAsync(e => e.EventType == "payment" && e.Data.Contains(tag, StringComparison.Ordinal), Soon, seen) is { } e)
        {
            using var doc = JsonDocument.Parse(e.Data);
            got.Add(doc.RootElement.TryGetProperty("id", out var id) ? id.GetString() ?? "?" : "?");
        }
        var passed = got.SequenceEqual([$"pay_b_{tag}", $"pay_c_{tag}"]);
        return CheckOutcome.When(passed, $"after Last-Event-ID {firstId} the stream gave [{string.Join(", ", got)}]");
    }

    private static async Task<(string? Hit, List<string> Seen)> ReceiveAsync(ClientWebSocket socket, Func<string, bool> match, CancellationToken token, TimeSpan? within = null)
    {
        var seen = new List<string>();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        wait.CancelAfter(within ?? Soon);
        try
        {
            return (await WebSocketProbe.ReceiveUntilAsync(socket, match, seen, wait.Token), seen);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (null, seen);
        }
    }

    private static bool Json(string text, Func<JsonElement, bool> match)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && match(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    private static async Task<CheckOutcome> AnnouncesPayments(CheckContext c)
    {
        using var ann = await WebSocketProbe.ConnectAsync(c.WsUrl("/ws/ops?name=Ann"), c.CancellationToken);
        var (hit, seen) = await RepeatUntilReceivedAsync(ann,
            (tag, token) => PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_{tag}", 4200, "books", token),
            (m, tag) => Json(m, r => Str(r, "type") == "payment" && r.TryGetProperty("payment", out var p) && Str(p, "id") == $"pay_{tag}"),
            c.CancellationToken);
        return CheckOutcome.When(hit is not null, hit is not null ? $"Ann got {WebSocketProbe.Describe(hit)}" : $"Ann got [{string.Join(", ", seen.Select(WebSocketProbe.Describe))}] within 5 s");
    }

    private static async Task<CheckOutcome> OperatorsTalk(CheckContext c)
    {
        using var ana = await WebSocketProbe.ConnectAsync(c.WsUrl("/ws/ops?name=Ana"), c.CancellationToken);
        using var bob = await WebSocketProbe.ConnectAsync(c.WsUrl("/ws/ops?name=Bob"), c.CancellationToken);
        var (hit, seen) = await RepeatUntilReceivedAsync(bob,
            (tag, token) => WebSocketProbe.SendTextAsync(ana, "hi " + tag, token),
            (m, tag) => Json(m, r => Str(r, "type") == "message" && Str(r, "name") == "Ana" && Str(r, "text") == "hi " + tag),
            c.CancellationToken);
        return CheckOutcome.When(hit is not null, hit is not null ? $"Bob got {WebSocketProbe.Describe(hit)}" : $"Bob got [{string.Join(", ", seen.Select(WebSocketProbe.Describe))}] within 5 s");
    }

    /// <summary>
    /// Acts (pays, talks) up to three times, a second apart, until <paramref name="socket"/> receives a message matching
    /// one of the acts. Why more than once: a server registers a socket only after the handshake has answered, so an
    /// announcement made in that gap is rightly missed by a client that has not joined yet; a second act is not.
    /// </summary>
    private static async Task<(string? Hit, List<string> Seen)> RepeatUntilReceivedAsync(ClientWebSocket socket,
        Func<string, CancellationToken, Task> act, Func<string, string, bool> matches, CancellationToken token)
    {
        var tags = new List<string>();
        using var stopActing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var acting = Task.Run(async () =>
        {
            for (var i = 0; i < 3 && !stopActing.IsCancellationRequested; i++)
            {
                var tag = Tag();
                lock (tags) tags.Add(tag);
                await act(tag, stopActing.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), stopActing.Token);
            }
        }, stopActing.Token);
        var result = await ReceiveAsync(socket, m => { lock (tags) return tags.Any(t => matches(m, t)); }, token, TimeSpan.FromSeconds(5));
        await stopActing.CancelAsync();
        try
        {
            await acting;
        }
        catch (OperationCanceledException)
        {
            // Stopped acting once the message arrived (or time ran out).
        }
        return result;
    }

    private static async Task<decimal?> TotalAsync(Microsoft.Playwright.IPage page)
    {
        var text = await page.EvaluateAsync<string?>("() => document.querySelector('#total')?.textContent ?? null");
        var digits = new string((text ?? "").Where(ch => char.IsDigit(ch) || ch == '.').ToArray());
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    /// <summary>
    /// Opens the page and waits until #ops-state says online, which the page sets when its /ws/ops socket opens: a page
    /// that loads and goes quiet without opening any WebSocket fails then, with that cause, not at the 4 s deadline.
    /// </summary>
    private static async Task<CheckOutcome?> OpenOnlineAsync(CheckContext c, Microsoft.Playwright.IPage page, List<string> errors)
    {
        var sockets = PageSockets.Watch(page);
        await page.GotoAsync(c.HttpUrl("/").ToString());
        if (await PageProbe.WaitForTextAsync(page, "#ops-state", "online", sockets)) return null;
        return CheckOutcome.Fail("#ops-state never said online: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#ops-state") + PageProbe.Because(sockets, "online"), errors));
    }

    private static Task<CheckOutcome> PageShowsPayment(CheckContext c) =>
        PageProbe.WithPagesAsync(c, 1, async (pages, errors) =>
        {
            var page = pages[0];
            var tag = Tag();
            if (await OpenOnlineAsync(c, page, errors) is { } offline) return offline;
            // A first payment, so everything the dashboard replays on load is counted before the total is read.
            await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_first_{tag}", 1000, "first", c.CancellationToken);
            if (!await PageProbe.WaitForTextAsync(page, "#payments", $"pay_first_{tag}"))
            {
                return CheckOutcome.Fail("the payment never appeared in #payments: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#payments"), errors));
            }
            var before = await TotalAsync(page);
            await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_{tag}", 1234, "headphones", c.CancellationToken);
            var inDashboard = await PageProbe.WaitForTextAsync(page, "#payments", $"pay_{tag}");
            var inChat = await PageProbe.WaitForTextAsync(page, "#chat", $"pay_{tag}");
            var after = await TotalAsync(page);
            var ok = inDashboard && inChat && before is { } b && after is { } a && a - b == 12.34m;
            lock (errors) ok &= errors.Count == 0;
            return CheckOutcome.When(ok, PageProbe.WithErrors(
                $"#total {before?.ToString(CultureInfo.InvariantCulture) ?? "?"} → {after?.ToString(CultureInfo.InvariantCulture) ?? "?"}; in #payments: {inDashboard}; in #chat: {inChat}", errors));
        });

    private static Task<CheckOutcome> PageStaysInert(CheckContext c) =>
        PageProbe.WithPagesAsync(c, 1, async (pages, errors) =>
        {
            var page = pages[0];
            var tag = Tag();
            if (await OpenOnlineAsync(c, page, errors) is { } offline) return offline;
            var payload = $"<img src=x onerror=\"window.__pwned='{tag}'\">";
            await PaymentGateway.PayAsync(c.Http, Receiver(c), "payment.captured", $"pay_{tag}", 100, payload, c.CancellationToken);
            using (var eve = await WebSocketProbe.ConnectAsync(c.WsUrl("/ws/ops?name=Eve"), c.CancellationToken))
            {
                await WebSocketProbe.SendTextAsync(eve, $"<img src=y onerror=\"window.__pwned2='{tag}'\">chat-{tag}", c.CancellationToken);
                var shownInChat = await PageProbe.WaitForTextAsync(page, "#chat", $"chat-{tag}");
                var shownInDashboard = await PageProbe.WaitForTextAsync(page, "#payments", $"<img src=x onerror=\"window.__pwned='{tag}'\">");
                var images = await page.EvaluateAsync<int>("() => document.querySelectorAll('#payments img, #chat img').length");
                var pwned = await page.EvaluateAsync<bool>("() => window.__pwned !== undefined || window.__pwned2 !== undefined");
                var ok = shownInChat && shownInDashboard && images == 0 && !pwned;
                return CheckOutcome.When(ok, PageProbe.WithErrors(
                    $"payload shown as text in #payments: {shownInDashboard}, in #chat: {shownInChat}; img elements in the lists: {images}; script ran: {pwned}", errors));
            }
        });
}
