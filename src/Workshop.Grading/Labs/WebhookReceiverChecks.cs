using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 06: GitHub (<c>POST /webhooks/github</c>) and Razorpay (<c>POST /webhooks/razorpay</c>) webhooks signed with
/// the lab's default secrets: verified over the raw body, tampering and bad requests refused with the right status
/// and a problem+json <c>reason</c>, duplicates (even concurrent) recorded once (<c>GET /api/events</c>), and the page
/// (<c>#events</c>) showing received events live, as text.
/// </summary>
public sealed class WebhookReceiverChecks : ILabCheckSet
{
    /// <summary>The lab's documented default secrets (appsettings.json): public on purpose so the checks can sign.</summary>
    public const string GitHubSecret = "lab06-github-secret";

    /// <summary>The Razorpay default secret of lab 06.</summary>
    public const string RazorpaySecret = "lab06-razorpay-secret";

    /// <inheritdoc />
    public string LabId => "06";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("signature", "accepts a signed GitHub push byte for byte", "a push whose body has unusual spacing, signed over those exact bytes (X-Hub-Signature-256: sha256=<hex>), answers 200", AcceptsGitHub),
        new("signature", "accepts a signed Razorpay payment", "a payment.captured with unusual spacing, signed over the raw body (X-Razorpay-Signature: <hex>), answers 200", AcceptsRazorpay),
        new("signature", "rejects a tampered body", "a body changed after signing answers 401 application/problem+json with reason bad-signature", RejectsTampered),
        new("signature", "rejects a signature over re-serialized JSON", "a signature computed over the compact re-serialization of the spaced body that is sent answers 401", RejectsReserialized),
        new("signature", "rejects a missing signature", "a GitHub request without X-Hub-Signature-256 answers 401 problem+json", RejectsUnsigned),
        new("reject", "refuses a wrong content type (415)", "a signed text/plain body answers 415 problem+json with reason unsupported-content-type", RejectsContentType),
        new("reject", "refuses a body that is too large (413)", "a signed 70 000-byte JSON body answers 413 problem+json with reason body-too-large", RejectsLarge),
        new("reject", "refuses malformed JSON (400)", "a correctly signed body that is not JSON answers 400 problem+json with reason malformed-json", RejectsMalformed),
        new("idempotent", "a redelivery has no second effect", "the same X-GitHub-Delivery sent twice: both 200, the second says \"duplicate\": true, GET /api/events lists it once", RedeliveryOnce),
        new("idempotent", "concurrent duplicates have exactly one effect", "10 copies of one Razorpay event, all in flight at once: exactly one 200 not marked duplicate, each other copy 200 with \"duplicate\": true or 409 (still in progress), GET /api/events lists it once", ConcurrentOnce),
        new("page", "the page shows events live, as text", "a push sent while the page is open appears in #events within 4 s, its commit message <b>…</b> shown as text", PageShowsEvents) { Timeout = TimeSpan.FromSeconds(20) },
    ];

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static string Hex(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string Push(string tag, string message) =>
        $"{{ \"ref\" : \"refs/heads/main\",\n  \"head_commit\": {{\"id\": \"{tag}\", \"message\": \"{message}\"}},  \"repository\":{{\"full_name\":\"octo/lab\"}} }}";

    private static string Payment(string tag) =>
        $"{{\"entity\":\"event\",\"event\":\"payment.captured\",\"payload\":{{\"payment\":{{\"entity\":{{\"id\":\"pay_{tag}\",\"amount\":50000,\"currency\":\"INR\"}}}}}},\"created_at\":1767225600}}";

    private static HttpRequestMessage GitHub(string body, string deliveryId, string? signature, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", "push");
        request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", deliveryId);
        if (signature is not null) request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
        return request;
    }

    private static HttpRequestMessage SignedGitHub(string body, string deliveryId, string contentType = "application/json") =>
        GitHub(body, deliveryId, "sha256=" + Hex(GitHubSecret, Encoding.UTF8.GetBytes(body)), contentType);

    private static HttpRequestMessage SignedRazorpay(string body, string eventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/razorpay") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-razorpay-event-id", eventId);
        request.Headers.TryAddWithoutValidation("X-Razorpay-Signature", Hex(RazorpaySecret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private sealed record Answer(int Status, string? MediaType, string Body)
    {
        public string? Reason
        {
            get
            {
                try
                {
                    using var doc = JsonDocument.Parse(Body);
                    return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("reason", out var r) ? r.ToString() : null;
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }

        public bool Duplicate => Body.Contains("\"duplicate\":true", StringComparison.Ordinal);

        public override string ToString() => $"{Status} {MediaType ?? "(no content type)"} {(Body.Length > 160 ? Body[..160] + "…" : Body)}";
    }

    private static async Task<Answer> SendAsync(CheckContext context, HttpRequestMessage request)
    {
        using (request)
        using (var response = await context.Http.SendAsync(request, context.CancellationToken))
        {
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(context.CancellationToken));
        }
    }

    private static CheckOutcome Refused(Answer answer, int status, string? reason) =>
        CheckOutcome.When(answer.Status == status && answer.MediaType == "application/problem+json" && (reason is null || answer.Reason == reason), $"answered {answer}");

    private static async Task<CheckOutcome> AcceptsGitHub(CheckContext context)
    {
        var answer = await SendAsync(context, SignedGitHub(Push(Tag(), "first push"), $"gh-{Tag()}"));
        return CheckOutcome.When(answer.Status == 200, $"answered {answer}");
    }

    private static async Task<CheckOutcome> AcceptsRazorpay(CheckContext context)
    {
        // Spaced as a pretty-printing sender would: re-serializing before the HMAC (as JSON.stringify(req.body) in
        // some Node examples does) changes these bytes, so only a check over the raw body passes.
        var body = Payment(Tag()).Replace(",", ", ", StringComparison.Ordinal).Replace(":", " : ", StringComparison.Ordinal);
        var answer = await SendAsync(context, SignedRazorpay(body, $"evt_{Tag()}"));
        return CheckOutcome.When(answer.Status == 200, $"answered {answer}");
    }

    private static async Task<CheckOutcome> RejectsTampered(CheckContext context)
    {
        var body = Push(Tag(), "pay 10 to alice");
        var request = GitHub(body.Replace("10", "99", StringComparison.Ordinal), $"gh-{Tag()}", "sha256=" + Hex(GitHubSecret, Encoding.UTF8.GetBytes(body)));
        return Refused(await SendAsync(context, request), 401, "bad-signature");
    }

    private static async Task<CheckOutcome> RejectsReserialized(CheckContext context)
    {
        var body = Push(Tag(), "spaced");
        using var parsed = JsonDocument.Parse(body);
        var compact = JsonSerializer.Serialize(parsed.RootElement);
        var request = GitHub(body, $"gh-{Tag()}", "sha256=" + Hex(GitHubSecret, Encoding.UTF8.GetBytes(compact)));
        var answer = await SendAsync(context, request);
        return CheckOutcome.When(answer.Status == 401, $"answered {answer}");
    }

    private static async Task<CheckOutcome> RejectsUnsigned(CheckContext context) =>
        Refused(await SendAsync(context, GitHub(Push(Tag(), "unsigned"), $"gh-{Tag()}", null)), 401, null);

    private static async Task<CheckOutcome> RejectsContentType(CheckContext context) =>
        Refused(await SendAsync(context, SignedGitHub(Push(Tag(), "as text"), $"gh-{Tag()}", "text/plain")), 415, "unsupported-content-type");

    private static async Task<CheckOutcome> RejectsLarge(CheckContext context)
    {
        var body = Push(Tag(), new string('x', 70_000));
        return Refused(await SendAsync(context, SignedGitHub(body, $"gh-{Tag()}")), 413, "body-too-large");
    }

    private static async Task<CheckOutcome> RejectsMalformed(CheckContext context) =>
        Refused(await SendAsync(context, SignedGitHub("{\"ref\": \"refs/heads/main\", ", $"gh-{Tag()}")), 400, "malformed-json");

    private static async Task<int> TimesListedAsync(CheckContext context, string eventId)
    {
        var json = await context.Http.GetStringAsync("/api/events", context.CancellationToken);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Count(e => e.TryGetProperty("eventId", out var id) && id.GetString() == eventId);
    }

    private static async Task<CheckOutcome> RedeliveryOnce(CheckContext context)
    {
        var tag = Tag();
        var id = $"gh-{tag}";
        var body = Push(tag, "once");
        var first = await SendAsync(context, SignedGitHub(body, id));
        var second = await SendAsync(context, SignedGitHub(body, id));
        var listed = await TimesListedAsync(context, id);
        var ok = first.Status == 200 && !first.Duplicate && second.Status == 200 && second.Duplicate && listed == 1;
        return CheckOutcome.When(ok, $"first {first}; second {second}; GET /api/events lists it {listed} time(s)");
    }

    private static async Task<CheckOutcome> ConcurrentOnce(CheckContext context)
    {
        var tag = Tag();
        var id = $"evt_{tag}";
        var body = Encoding.UTF8.GetBytes(Payment(tag));
        // Every copy asks "Expect: 100-continue", so its body goes out only once the handler starts reading it (the
        // server answers 100 then); all but the last byte go then, the last bytes only once all ten are in flight.
        // So all ten handlers have got past anything they do before the body before any can finish, even through a
        // relay (the grading sandbox): a "seen it? no; ...; record it" pair is caught every time, not only when the
        // scheduler happens to interleave it.
        const int copies = 10;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        void Started()
        {
            if (Interlocked.Increment(ref started) == copies) gate.TrySetResult();
        }
        var sends = Enumerable.Range(0, copies).Select(_ => Task.Run(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/razorpay") { Content = new GatedContent(body, "application/json", gate.Task, Started) };
            request.Headers.ExpectContinue = true;
            request.Headers.TryAddWithoutValidation("x-razorpay-event-id", id);
            request.Headers.TryAddWithoutValidation("X-Razorpay-Signature", Hex(RazorpaySecret, body));
            return SendAsync(context, request);
        })).ToList();
        // A copy that ends early (refused before its body was read) must not hold the others at the gate.
        await Task.WhenAny(gate.Task, Task.WhenAny(sends));
        gate.TrySetResult();
        var answers = await Task.WhenAll(sends);
        var listed = await TimesListedAsync(context, id);
        var firsts = answers.Count(a => a.Status == 200 && !a.Duplicate);
        // The documented answers to a copy: 200 with "duplicate": true, or 409 while the first is still being
        // handled (the sender retries it later and then gets the 200 duplicate).
        var othersOk = answers.All(a => a.Status == 409 || a.Status == 200);
        var ok = othersOk && firsts == 1 && listed == 1;
        return CheckOutcome.When(ok, $"statuses [{string.Join(", ", answers.Select(a => a.Status))}], {firsts} answered 200 without \"duplicate\": true; GET /api/events lists it {listed} time(s)");
    }

    private static Task<CheckOutcome> PageShowsEvents(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            await page.GotoAsync(context.HttpUrl("/").ToString());
            var tag = Tag();
            var message = $"<b>{tag}</b>";
            var answer = await SendAsync(context, SignedGitHub(Push(tag, message), $"gh-{tag}"));
            if (answer.Status != 200) return CheckOutcome.Fail($"the signed push itself answered {answer}");
            var shown = await PageProbe.WaitForTextAsync(page, "#events", message);
            var injected = await page.EvaluateAsync<int>("() => document.querySelectorAll('#events b').length");
            return CheckOutcome.When(shown && injected == 0,
                PageProbe.WithErrors(injected > 0 ? "the message was inserted as HTML (a <b> element appeared)" : await PageProbe.TextOfAsync(page, "#events"), errors));
        });
}
