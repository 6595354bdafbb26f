using System.Globalization;

namespace Workshop.Grading.Transcripts;

/// <summary>A webhook delivery for a transcript: method, path, size and the headers that identify and sign it.</summary>
public static class WebhookDeliveries
{
    // The headers a learner compares with the documentation: ids, timestamps, events and signatures of the three
    // schemes the labs use. The lab computed them from its own test secret; the grader's environment is never here.
    private static readonly string[] Shown =
    [
        "webhook-id", "webhook-timestamp", "webhook-signature",
        "x-github-event", "x-github-delivery", "x-hub-signature-256",
        "x-razorpay-event-id", "x-razorpay-signature",
        "x-signature", "x-webhook-signature", "idempotency-key",
    ];

    /// <summary><c>POST /hooks/a (57 B) webhook-id: msg_1 webhook-signature: v1,K5oZ…</c>.</summary>
    public static string Describe(string method, string path, IReadOnlyDictionary<string, string> headers, long bodyBytes)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signed = Shown.Where(headers.ContainsKey).Select(name => $" {name}: {Cut(headers[name])}");
        return $"{method} {path} ({bodyBytes.ToString(CultureInfo.InvariantCulture)} B){string.Concat(signed)}";
    }

    private static string Cut(string value) => value.Length > 24 ? value[..20] + "…" : value;
}
