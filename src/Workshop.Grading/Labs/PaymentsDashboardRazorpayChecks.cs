using System.Net;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 08's task "razorpay": the check plays a Razorpay-style gateway (<see cref="RazorpayGateway"/>) posting to
/// <c>POST /webhooks/razorpay</c>. Only the body is signed (hex HMAC-SHA256, no timestamp); the event id header and a
/// hash of the signed body are the idempotency keys (the header alone is not signed, so it cannot stop a replay);
/// accepted payments join the same dashboard stream as the Standard Webhooks ones.
/// </summary>
internal static class PaymentsDashboardRazorpayChecks
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    // What an attacker who does not know the lab's secret would sign with.
    private const string WrongSecret = "not-the-lab08-razorpay-secret";

    public static IEnumerable<LabCheck> All =>
    [
        new("razorpay", "accepts a signed Razorpay payment", "a Razorpay payment.captured with a valid X-Razorpay-Signature and an x-razorpay-event-id is answered 2xx", AcceptsSigned),
        new("razorpay", "rejects a wrong Razorpay signature", "a Razorpay event signed with another secret is answered 401", RejectsWrongSecret),
        new("razorpay", "verifies Razorpay's raw body", "a Razorpay body re-serialized after signing (same JSON, other spacing) is answered 401", RejectsReserialized),
        new("razorpay", "rejects a Razorpay request without signature", "a Razorpay event without X-Razorpay-Signature is answered 401", RejectsUnsigned),
        new("razorpay", "requires Razorpay's event id", "a correctly signed Razorpay event without x-razorpay-event-id is answered 400 (a redelivery could not be recognised)", RequiresEventId),
        new("razorpay", "a Razorpay redelivery is answered as a duplicate", "the same x-razorpay-event-id and body posted twice are answered 2xx both times, the second with \"duplicate\":true", AnswersDuplicate),
        new("razorpay", "a replayed Razorpay body under a fresh event id counts once", "the same signed body posted under two different x-razorpay-event-id values is answered 2xx both times, the second with \"duplicate\":true (the event id is not signed)", CountsReplayOnce),
        new("razorpay", "two Razorpay events about one payment both count", "payment.failed then payment.captured for the same payment id, each with its own event id, are answered 2xx with \"duplicate\":false both times", CountsEachEventOfAPayment),
        new("razorpay", "bounds a chunked Razorpay body", "a correctly signed Razorpay event of about 80 KB sent chunked (no Content-Length) is answered 413", BoundsChunkedBody),
        new("razorpay", "Razorpay payments reach the dashboard once each", "a captured and a failed Razorpay payment (the captured one redelivered) arrive on GET /events once each, with their status, amount and currency", ReachesDashboardOnce),
    ];

    private static Uri Receiver(CheckContext c) => c.HttpUrl(RazorpayGateway.Path);

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static string Captured(string tag) => RazorpayGateway.Event("payment.captured", $"pay_rzp_{tag}", 50000, "masala chai");

    private static async Task<CheckOutcome> ExpectAsync(Task<HttpResponseMessage> sending, Func<int, bool> ok, string expected)
    {
        using var response = await sending;
        return CheckOutcome.When(ok((int)response.StatusCode), $"answered {(int)response.StatusCode} (expected {expected})");
    }

    private static bool Is2xx(int status) => status is >= 200 and < 300;

    private static Task<CheckOutcome> AcceptsSigned(CheckContext c) =>
        ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), Captured(Tag()), c.CancellationToken), Is2xx, "2xx");

    private static Task<CheckOutcome> RejectsWrongSecret(CheckContext c) =>
        ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), Captured(Tag()), c.CancellationToken, secret: WrongSecret),
            s => s == (int)HttpStatusCode.Unauthorized, "401");

    private static Task<CheckOutcome> RejectsReserialized(CheckContext c)
    {
        var compact = Captured(Tag());
        var spaced = JsonSerializer.Serialize(JsonDocument.Parse(compact).RootElement, new JsonSerializerOptions { WriteIndented = true });
        return ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), spaced, c.CancellationToken, signedBody: compact),
            s => s == (int)HttpStatusCode.Unauthorized, "401");
    }

    private static Task<CheckOutcome> RejectsUnsigned(CheckContext c) =>
        ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), Captured(Tag()), c.CancellationToken, signed: false),
            s => s == (int)HttpStatusCode.Unauthorized, "401");

    private static Task<CheckOutcome> RequiresEventId(CheckContext c) =>
        ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), eventId: null, Captured(Tag()), c.CancellationToken),
            s => s == (int)HttpStatusCode.BadRequest, "400");

    private static Task<CheckOutcome> BoundsChunkedBody(CheckContext c)
    {
        // A valid, signed event: only its size is wrong, so nothing but a limit that counts the bytes refuses it.
        var big = RazorpayGateway.Event("payment.captured", $"pay_rzp_big_{Tag()}", 100, new string('x', 80 * 1024));
        return ExpectAsync(RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), big, c.CancellationToken, chunked: true),
            s => s == (int)HttpStatusCode.RequestEntityTooLarge, "413");
    }

    private static async Task<CheckOutcome> AnswersDuplicate(CheckContext c)
    {
        // Razorpay's retry: the same event id, the same body, so the same signature.
        var eventId = RazorpayGateway.NewEventId();
        var body = Captured(Tag());
        var (codes, answers) = await PostAllAsync(c, [(eventId, body), (eventId, body)]);
        var ok = codes.All(Is2xx) && IsDuplicate(answers[1]) == true && IsDuplicate(answers[0]) != true;
        return CheckOutcome.When(ok, Describe(codes, answers));
    }

    private static async Task<CheckOutcome> CountsReplayOnce(CheckContext c)
    {
        // What an eavesdropper can do: keep a signed body and its signature, and post them again under any event id.
        var body = Captured(Tag());
        var (codes, answers) = await PostAllAsync(c, [(RazorpayGateway.NewEventId(), body), (RazorpayGateway.NewEventId(), body)]);
        var ok = codes.All(Is2xx) && IsDuplicate(answers[0]) == false && IsDuplicate(answers[1]) == true;
        return CheckOutcome.When(ok, Describe(codes, answers));
    }

    private static async Task<CheckOutcome> CountsEachEventOfAPayment(CheckContext c)
    {
        // A payment that failed and was then captured on a retry: one payment id, two distinct events, both real.
        var paymentId = $"pay_rzp_twice_{Tag()}";
        var failed = RazorpayGateway.Event("payment.failed", paymentId, 30000, "thali");
        var captured = RazorpayGateway.Event("payment.captured", paymentId, 30000, "thali");
        var (codes, answers) = await PostAllAsync(c, [(RazorpayGateway.NewEventId(), failed), (RazorpayGateway.NewEventId(), captured)]);
        var ok = codes.All(Is2xx) && answers.All(a => IsDuplicate(a) == false);
        return CheckOutcome.When(ok, Describe(codes, answers));
    }

    private static async Task<(List<int> Codes, List<string> Answers)> PostAllAsync(CheckContext c, (string EventId, string Body)[] posts)
    {
        var codes = new List<int>();
        var answers = new List<string>();
        foreach (var (eventId, body) in posts)
        {
            using var response = await RazorpayGateway.PostAsync(c.Http, Receiver(c), eventId, body, c.CancellationToken);
            codes.Add((int)response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(c.CancellationToken));
        }
        return (codes, answers);
    }

    private static string Describe(List<int> codes, List<string> answers) =>
        $"answers [{string.Join(", ", codes)}]; bodies [{string.Join(" | ", answers.Select(a => a.Length > 120 ? a[..120] : a))}]";

    private static bool? IsDuplicate(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("duplicate", out var d) && d.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? d.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<CheckOutcome> ReachesDashboardOnce(CheckContext c)
    {
        var tag = Tag();
        await using var sse = await SseProbe.OpenAsync(c.Http, "/events", Soon, c.CancellationToken);
        var captured = Captured(tag);
        var capturedId = RazorpayGateway.NewEventId();
        var failed = RazorpayGateway.Event("payment.failed", $"pay_rzp_ko_{tag}", 12000, "samosa");
        var codes = new List<int>();
        foreach (var (eventId, body) in new[] { (capturedId, captured), (capturedId, captured), (RazorpayGateway.NewEventId(), failed) })
        {
            using var response = await RazorpayGateway.PostAsync(c.Http, Receiver(c), eventId, body, c.CancellationToken);
            codes.Add((int)response.StatusCode);
        }
        // A last payment marks the end: everything before it has been published by the time it arrives.
        using (var marker = await RazorpayGateway.PostAsync(c.Http, Receiver(c), RazorpayGateway.NewEventId(), RazorpayGateway.Event("payment.captured", $"pay_rzp_marker_{tag}", 1, "marker"), c.CancellationToken))
        {
            codes.Add((int)marker.StatusCode);
        }
        var seen = new List<string>();
        var payments = new List<JsonElement>();
        while (await sse.NextMatchingAsync(e => e.EventType == "payment" && e.Data.Contains(tag, StringComparison.Ordinal), Soon, seen) is { } e)
        {
            if (e.Data.Contains("pay_rzp_marker_", StringComparison.Ordinal)) break;
            using var doc = JsonDocument.Parse(e.Data);
            payments.Add(doc.RootElement.Clone());
        }
        var capturedSeen = payments.Where(p => Str(p, "id") == $"pay_rzp_{tag}").ToList();
        var failedSeen = payments.Where(p => Str(p, "id") == $"pay_rzp_ko_{tag}").ToList();
        var ok = codes.All(Is2xx)
            && capturedSeen.Count == 1 && Str(capturedSeen[0], "status") == "captured" && Amount(capturedSeen[0]) == 50000 && Str(capturedSeen[0], "currency") == "INR"
            && failedSeen.Count == 1 && Str(failedSeen[0], "status") == "failed";
        return CheckOutcome.When(ok, $"answers [{string.Join(", ", codes)}]; the dashboard got pay_rzp_{tag} {capturedSeen.Count} time(s) and pay_rzp_ko_{tag} {failedSeen.Count} time(s): [{string.Join(", ", seen.TakeLast(5))}]");
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    private static long? Amount(JsonElement e) => e.TryGetProperty("amount", out var p) && p.TryGetInt64(out var v) ? v : null;
}
