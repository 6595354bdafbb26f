namespace Workshop.Protocols.Webhooks;

/// <summary>What one retention sweep deleted.</summary>
/// <param name="Deliveries">Finished deliveries (with their attempts).</param>
/// <param name="Received">Idempotency records (event ids and body hashes).</param>
/// <param name="Endpoints">Disabled-endpoint rows.</param>
internal sealed record RetentionSweep(int Deliveries, int Received, int Endpoints)
{
    public int Total => Deliveries + Received + Endpoints;
}
