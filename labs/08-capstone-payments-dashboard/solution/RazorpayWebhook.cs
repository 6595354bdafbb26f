using System.Security.Cryptography;

/// <summary><c>POST /webhooks/razorpay</c>: Razorpay-style payment events into the same ledger, dashboard and chat.</summary>
public static class RazorpayWebhook
{
    /// <summary>Maps the Razorpay receiver. Given: reading the raw body and the answers; yours: TODO 6 and TODO 7.</summary>
    public static WebApplication MapRazorpayWebhook(this WebApplication app)
    {
        app.MapPost("/webhooks/razorpay", async (HttpContext context, RazorpayVerifier verifier, PaymentLedger ledger, OpsRoom ops) =>
        {
            if (await BoundedBody.ReadAsync(context.Request, context.RequestAborted) is not { } body)
            {
                return Results.Problem("The body is over 64 KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            if (verifier.Verify(context.Request.Headers, body) is { } why)
            {
                app.Logger.LogWarning("Razorpay webhook rejected: {Reason}", why); // the reason, never the signature
                return Results.Problem(why, statusCode: StatusCodes.Status401Unauthorized, title: "Webhook not authenticated");
            }
            // TODO 7 solved: why x-razorpay-event-id: Razorpay retries an event with the same id; there is no webhook-id here.
            // Without it a redelivery cannot be told from a new payment, so it is refused rather than counted blindly.
            var eventId = context.Request.Headers["x-razorpay-event-id"].ToString().Trim();
            if (eventId.Length == 0)
            {
                return Results.Problem("x-razorpay-event-id is required: it is what makes a redelivery recognisable.", statusCode: StatusCodes.Status400BadRequest, title: "Missing event id");
            }
            if (Payment.TryParseRazorpay(body, out var error) is not { } payment)
            {
                return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Not a payment event");
            }
            // Why a prefix: both gateways' ids share one ledger, and one gateway's id must never shadow the other's.
            // Why a hash of the body too: the event id is not signed, so a captured body and signature re-posted under a
            // fresh id would count again; the signed bytes are what a replay cannot change.
            var bodyKey = "razorpay-body:" + Convert.ToHexStringLower(SHA256.HashData(body));
            if (!ledger.Accept(["razorpay:" + eventId, bodyKey], payment)) return Results.Ok(new { id = eventId, duplicate = true });
            ops.Announce(payment);
            return Results.Ok(new { id = eventId, duplicate = false });
        });
        return app;
    }
}
