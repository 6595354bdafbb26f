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
        new("retry", "retries until a 2xx, with the same id, never following redirects", "receiver answers 500, then 302, then 200: exactly 3 attempts, all with the same webhook-id, none to the redirect target, the event ends \"delivered\"", RetriesUntil2xx) { Timeout = TimeSpan.FromSeconds(20) },
        new("retry", "backs off exponentially up to a cap, then gives up", "a receiver that always answers 503 gets 6 attempts; the planned waits (attempts[].nextDelayMs) double from the first and stop at a cap of at most 1 s (200, 400, 800, 1000, 1000 ms with the defaults); the lab really waits them; the event ends \"failed\"", BacksOffWithCap) { Timeout = TimeSpan.FromSeconds(25) },
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
        await using var sink = await WebhookSink.StartAsync((path, before) => path != "/retry" ? 200 : before switch { 0 => 500, 1 => 302, _ => 200 }, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/retry"));
        await sink.WaitForAsync(r => r.Count(x => x.Path == "/retry") >= 3, TimeSpan.FromSeconds(8), context.CancellationToken);
        var status = await WaitForStatusAsync(context, id, "delivered", TimeSpan.FromSeconds(3));
        // Give a sender that keeps going after the 200 (or follows the 302) a moment to show it.
        await Task.Delay(TimeSpan.FromSeconds(1), context.CancellationToken);
        var requests = sink.Requests;
        var attempts = requests.Where(r => r.Path == "/retry").ToList();
        var ok = attempts.Count == 3 && attempts.All(a => a.Header("webhook-id") == id) && requests.All(r => r.Path != "/redirected") && status == "delivered";
        return CheckOutcome.When(ok, $"event {id} is \"{status}\"; requests: [{string.Join("; ", requests.Select(Show))}]");
    }

    private static async Task<CheckOutcome> BacksOffWithCap(CheckContext context)
    {
        await using var sink = await WebhookSink.StartAsync((_, _) => 503, context.CancellationToken);
        var id = await EnqueueAsync(context, sink.Url("/down"));
        await sink.WaitForAsync(r => r.Count >= 6, TimeSpan.FromSeconds(12), context.CancellationToken);
        var status = await WaitForStatusAsync(context, id, "failed", TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(1.5), context.CancellationToken); // a 7th attempt would show up by now
        var times = sink.Requests.Select(r => r.Arrived).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        // The schedule is judged on the waits the lab planned (attempts[].nextDelayMs): gaps measured at the receiver
        // carry the machine's noise. The measured gaps only have to show that the lab really waited, and not too long.
        var planned = await PlannedDelaysAsync(context, id);
        var cap = planned.Count > 0 ? planned.Max() : 0;
        // At least one real doubling before the cap: a fixed wait would otherwise "double up to a cap" equal to itself.
        var doubling = planned.Count == 5 && planned[0] > 0 && cap >= 2 * planned[0] &&
                       planned.Zip(planned.Skip(1), (x, y) => Math.Abs(y - Math.Min(2 * x, cap)) <= 0.1 * y).All(ok => ok);
        var capped = cap is > 0 and <= 1050 && planned.Count(d => d == cap) >= 2;
        var waited = gaps.Count == 5 && planned.Count == 5 && gaps.Zip(planned, (g, d) => g >= 0.8 * d).All(ok => ok) && gaps.Max() <= 2500;
        var ok = times.Count == 6 && doubling && capped && waited && status == "failed";
        return CheckOutcome.When(ok, $"{times.Count} attempt(s); planned waits [{string.Join(", ", planned.Select(d => $"{d:0} ms"))}]; measured gaps [{string.Join(", ", gaps.Select(g => $"{g:0} ms"))}]; event \"{status}\"");
    }

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
