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
            // TODO 7 (razorpay, part 2): the idempotency key. A fresh key per request means a redelivery counts again.
            //   Razorpay sends the event's id in the x-razorpay-event-id header (the same id on every retry): use it,
            //   prefixed with "razorpay:" so it never collides with a Standard webhook-id, and answer 400 when it is
            //   missing (a redelivery could not be recognised). That id is not signed, so a captured body re-posted
            //   under a fresh id would count again: also key the payment on a hash of the raw body
            //   ("razorpay-body:" + hex SHA-256), passing both keys to ledger.Accept([...], payment).
            var eventId = Guid.NewGuid().ToString("N");
            if (Payment.TryParseRazorpay(body, out var error) is not { } payment)
            {
                return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Not a payment event");
            }
            // Why a prefix: both gateways' ids share one ledger, and one gateway's id must never shadow the other's.
            if (!ledger.Accept(eventId, payment)) return Results.Ok(new { id = eventId, duplicate = true });
            ops.Announce(payment);
            return Results.Ok(new { id = eventId, duplicate = false });
        });
        return app;
    }
}
