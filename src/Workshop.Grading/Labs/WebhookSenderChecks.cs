using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 07: events enqueued with <c>POST /api/events</c> (<c>{url,type,data}</c> → 202 <c>{id}</c>) are delivered to a
/// receiver the check runs itself (<see cref="WebhookSink"/>): Standard Webhooks headers signed with the lab's
/// default secret, retries on anything but 2xx with the same <c>webhook-id</c>, exponential backoff capped by the
/// lab's defaults (200 ms doubling, 1 s cap, 6 attempts), an outbox that survives a crash of the lab, and a page
/// (<c>#timeline</c>) that shows the attempts.
/// </summary>
public sealed class WebhookSenderChecks : ILabCheckSet
{
    /// <summary>The lab's documented default secret (appsettings.json): public on purpose so the checks can verify.</summary>
    public const string Secret = "whsec_d29ya3Nob3AtbGFiMDctc2VuZGVyLXNlY3JldC1rZXk=";

    /// <inheritdoc />
    public string LabId => "07";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("sign", "sends webhook-id and a current webhook-timestamp", "one POST with Content-Type application/json, webhook-id = the id POST /api/events returned, webhook-timestamp = Unix seconds within 5 minutes of now", SendsHeaders),
        new("sign", "signs with v1,<base64> over id.timestamp.body", "webhook-signature: v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\" keyed with the base64-decoded whsec_ secret>", SignsCorrectly),
        new("retry", "retries until a 2xx, with the same id, never following redirects", "receiver answers 500, then 302, then cuts the connection, then 200: exactly 4 attempts, all with the same webhook-id, none to the redirect target, none after the 200; the event ends \"delivered\"", RetriesUntil2xx) { Timeout = TimeSpan.FromSeconds(20) },
        new("retry", "backs off exponentially up to a cap, then gives up", "a receiver that always answers 503 gets exactly 6 attempts with the same webhook-id; the gaps between their arrivals follow 200, 400, 800, 1000, 1000 ms (none shorter; the last two at least 0.5 s longer than the first two; the 5th under 2.4 s, as the 1 s cap keeps it); no 7th comes; the event ends \"failed\"", BacksOffWithCap) { Timeout = TimeSpan.FromSeconds(25) },
        new("outbox", "a pending event survives a crash", "an event still pending when the lab is killed (SIGKILL) is delivered after it restarts, with the same webhook-id", SurvivesCrash) { Timeout = TimeSpan.FromSeconds(60) },
        new("page", "the page shows the attempt timeline", "after a 500 then a 200, #timeline shows the event id, both statuses and \"delivered\"", PageShowsTimeline) { Timeout = TimeSpan.FromSeconds(20) },
    ];

    private static async Task<string> EnqueueAsync(CheckContext context, Uri url, string type = "payment.captured")
    {
        context.OpenToLab(url); // a sandboxed lab reaches the grader's receiver only through this
        var body = new { url = url.ToString(), type, data = new { amount = 50000, currency = "INR", note = "käse ✓" } };
        using var response = await context.Http.PostAsJsonAsync("/api/events", body, context.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"POST /api/events answered {(int)response.StatusCode} {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException($"POST /api/events gave no id: {text}");
    }

    private static async Task<string?> StatusOfAsync(CheckContext context, string id)
    {
        using var response = await context.Http.GetAsync($"/api/events/{Uri.EscapeDataString(id)}", context.CancellationToken);
        if (!response.IsSuccessStatusCode) return $"(GET /api/events/{id} answered {(int)response.StatusCode})";
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.CancellationToken));
        return doc.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
    }

    private static async Task<string?> WaitForStatusAsync(CheckContext context, string id, string wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? status;
        while ((status = await StatusOfAsync(context, id)) != wanted && DateTime.UtcNow < deadline) await Task.Delay(100, context.CancellationToken);
        return status;
    }

    private static bool ValidSignature(SinkRequest request)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        var header = request.Header("webhook-signature");
        if (id is null || timestamp is null || header is null) return false;
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(request.Body).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => s == $"v1,{expected}");
    }

    private static string Show(SinkRequest r) =>
        $"{r.Path} → {r.Status} (webhook-id {r.Header("webhook-id") ?? "none"}, webhook-timestamp {r.Header("webhook-timestamp") ?? "none"}, webhook-signature {(r.Header("webhook-signature") is { } s ? s[..Math.Min(12, s.Length)] + "…" : "none")})";

    private static async Task<(string Id, SinkRequest? First)> DeliverOnceAsync(CheckContext context)
    {
        await using var sink = await WebhookSink.StartAsync((_, _) => 200, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/sign"));
        await sink.WaitForAsync(r => r.Count > 0, TimeSpan.FromSeconds(5), context.CancellationToken);
        return (id, sink.Requests.FirstOrDefault());
    }

    private static async Task<CheckOutcome> SendsHeaders(CheckContext context)
    {
        var (id, first) = await DeliverOnceAsync(context);
        if (first is null) return CheckOutcome.Fail($"nothing arrived within 5 s for event {id}");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var fresh = long.TryParse(first.Header("webhook-timestamp"), out var ts) && Math.Abs(now - ts) <= 300;
        var json = first.Header("content-type")?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        return CheckOutcome.When(first.Header("webhook-id") == id && fresh && json, $"event {id}: {Show(first)}, content type {first.Header("content-type") ?? "none"}");
    }

    private static async Task<CheckOutcome> SignsCorrectly(CheckContext context)
    {
        var (id, first) = await DeliverOnceAsync(context);
        if (first is null) return CheckOutcome.Fail($"nothing arrived within 5 s for event {id}");
        return CheckOutcome.When(ValidSignature(first), $"{Show(first)}: the signature {(ValidSignature(first) ? "verifies" : "does not verify")} over the body received ({first.Body.Length} bytes)");
    }

    private static async Task<CheckOutcome> RetriesUntil2xx(CheckContext context)
    {
        // 500, a redirect, a connection cut without an answer: three failures; then 200.
        await using var sink = await WebhookSink.StartAsync((path, before) => path != "/retry" ? 200 : before switch { 0 => 500, 1 => 302, 2 => WebhookSink.Drop, _ => 200 }, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/retry"));
        if (await GaveUpEarlyAsync(context, sink, id, r => r.Count(x => x.Path == "/retry") >= 4 || r.Any(x => x.Path == "/redirected"), TimeSpan.FromSeconds(8)) is { } early)
        {
            return CheckOutcome.Fail(early);
        }
        var status = await WaitForStatusAsync(context, id, "delivered", TimeSpan.FromSeconds(3));
        // After the 200 nothing more may come: a 5th attempt would follow within one capped wait (1 s), so wait for
        // it (or a request to the redirect target) twice that long.
        await sink.WaitForAsync(r => r.Count(x => x.Path == "/retry") >= 5 || r.Any(x => x.Path == "/redirected"), TimeSpan.FromSeconds(2), context.CancellationToken);
        var requests = sink.Requests;
        var attempts = requests.Where(r => r.Path == "/retry").ToList();
        var ok = attempts.Count == 4 && attempts.All(a => a.Header("webhook-id") == id) && requests.All(r => r.Path != "/redirected") && status == "delivered";
        return CheckOutcome.When(ok, $"event {id} is \"{status}\"; requests: [{string.Join("; ", requests.Select(Show))}]");
    }

    private static async Task<CheckOutcome> BacksOffWithCap(CheckContext context)
    {
        await using var sink = await WebhookSink.StartAsync((_, _) => 503, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/down"));
        // The schedule is judged where it matters, at the receiver: when each attempt arrived.
        if (await GaveUpEarlyAsync(context, sink, id, r => r.Count >= 6, TimeSpan.FromSeconds(10)) is { } early) return CheckOutcome.Fail(early);
        var six = sink.Requests.Count >= 6;
        var status = six ? await WaitForStatusAsync(context, id, "failed", TimeSpan.FromSeconds(3)) : await StatusOfAsync(context, id);
        // A 7th attempt would come one capped wait (1 s) after the 6th: wait for it up to three times that long.
        if (six) await sink.WaitForAsync(r => r.Count >= 7, TimeSpan.FromSeconds(3), context.CancellationToken);
        var requests = sink.Requests;
        var gaps = RetrySchedule.Gaps(requests.Select(r => r.Arrived).ToList());
        var problems = RetrySchedule.Problems(gaps);
        if (requests.Count != 6) problems.Insert(0, $"{requests.Count} attempt(s) instead of 6");
        if (requests.Any(r => r.Header("webhook-id") != id)) problems.Add("not every attempt carried the event's webhook-id");
        if (status != "failed") problems.Add($"the event is \"{status}\", not \"failed\"");
        var planned = await PlannedDelaysAsync(context, id);
        var seen = $"{requests.Count} attempt(s), waits measured at the receiver {RetrySchedule.Show(gaps)} (expected {RetrySchedule.Show(RetrySchedule.Waits)}; the lab's own plan {RetrySchedule.Show(planned)}); event \"{status}\"";
        return CheckOutcome.When(problems.Count == 0, problems.Count == 0 ? seen : $"{seen}: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the receiver to have seen <paramref name="enough"/>, and also watches
    /// the event's status: once the lab calls the event "delivered" or "failed" (final: a sender makes no further
    /// attempt at it) while the receiver has not seen enough, the verdict is in. Returns that cause, with every
    /// attempt and its answer; null when the attempts came, or when the time ran out without a final status (the
    /// caller judges those as before).
    /// </summary>
    private static async Task<string?> GaveUpEarlyAsync(CheckContext context, WebhookSink sink, string id, Func<IReadOnlyList<SinkRequest>, bool> enough, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await sink.WaitForAsync(enough, TimeSpan.FromMilliseconds(250), context.CancellationToken)) return null;
            var status = await StatusOfAsync(context, id);
            if (status is not ("delivered" or "failed")) continue;
            // The receiver records an attempt before answering it, so an attempt the status counts is listed already.
            var requests = sink.Requests;
            if (enough(requests)) return null;
            return $"event {id} is already \"{status}\" after {requests.Count} attempt(s), answered [{string.Join(", ", requests.Select(r => r.Status == WebhookSink.Drop ? "connection cut" : r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]: a final event gets no further attempt; requests: [{string.Join("; ", requests.Select(Show))}]";
        }
        return null;
    }

    /// <summary>The waits the lab says it planned (attempts[].nextDelayMs): shown beside the measured ones, not judged.</summary>
    private static async Task<List<double>> PlannedDelaysAsync(CheckContext context, string id)
    {
        using var response = await context.Http.GetAsync($"/api/events/{Uri.EscapeDataString(id)}", context.CancellationToken);
        if (!response.IsSuccessStatusCode) return [];
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.CancellationToken));
        if (!doc.RootElement.TryGetProperty("attempts", out var attempts) || attempts.ValueKind != JsonValueKind.Array) return [];
        return attempts.EnumerateArray()
            .Select(a => a.TryGetProperty("nextDelayMs", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : (double?)null)
            .OfType<double>().ToList();
    }

    private static async Task<CheckOutcome> SurvivesCrash(CheckContext context)
    {
        var restarted = false;
        await using var sink = await WebhookSink.StartAsync((_, _) => Volatile.Read(ref restarted) ? 200 : 503, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/durable"));
        if (!await sink.WaitForAsync(r => r.Count > 0, TimeSpan.FromSeconds(5), context.CancellationToken))
        {
            return CheckOutcome.Fail($"event {id} was never attempted before the crash");
        }
        // An event already final before the crash (its attempts were all answered 503) is not sent again by any
        // sender, outbox or not: nothing is left pending for the restart to deliver, so the verdict is in now.
        var final = await StatusOfAsync(context, id);
        if (final is "delivered" or "failed")
        {
            return CheckOutcome.Fail($"event {id} was already \"{final}\" before the crash, after {sink.Requests.Count} attempt(s) answered 503: a final event is not sent again, so nothing was pending to survive the restart");
        }
        await context.RestartLabAsync();
        // Only now does the receiver start saying yes: the old process is dead, so a 2xx can only go to a copy of
        // the event the new process found on disk.
        Volatile.Write(ref restarted, true);
        var delivered = await sink.WaitForAsync(r => r.Any(x => x.Status == 200 && x.Header("webhook-id") == id), TimeSpan.FromSeconds(10), context.CancellationToken);
        var status = await StatusOfAsync(context, id);
        return CheckOutcome.When(delivered, $"after the restart: event {id} is \"{status}\"; the receiver got [{string.Join("; ", sink.Requests.Select(Show))}]");
    }

    private static Task<CheckOutcome> PageShowsTimeline(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            await using var sink = await WebhookSink.StartAsync((_, before) => before == 0 ? 500 : 200, context.CancellationToken);
            var page = pages[0];
            await page.GotoAsync(context.HttpUrl("/").ToString());
            var id = await EnqueueAsync(context, sink.Url("/page"));
            var shown = await PageProbe.WaitForTextAsync(page, "#timeline", id, 6000) && await PageProbe.WaitForTextAsync(page, "#timeline", "delivered", 6000);
            var text = await page.EvaluateAsync<string>("() => document.querySelector('#timeline')?.textContent ?? ''");
            var ok = shown && text.Contains("500", StringComparison.Ordinal) && text.Contains("200", StringComparison.Ordinal);
            return CheckOutcome.When(ok, PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#timeline"), errors));
        });
}
