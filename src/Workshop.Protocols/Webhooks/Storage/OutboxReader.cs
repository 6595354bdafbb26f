namespace Workshop.Protocols.Webhooks;

/// <summary>Reads a delivery and its attempt log for the API (without the secret).</summary>
internal sealed class OutboxReader(WebhookDatabase database)
{
    public async Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT event_id, event_type, url, status, attempts, next_attempt_at, created_at, last_error FROM webhook_deliveries WHERE id = $id;
            SELECT number, started_at, duration_ms, status_code, error FROM webhook_attempts WHERE delivery_id = $id ORDER BY number;
            """;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var eventId = reader.GetString(0);
        var eventType = reader.GetString(1);
        var url = new Uri(reader.GetString(2));
        var status = ParseStatus(reader.GetString(3));
        var attempts = reader.GetInt32(4);
        var next = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5));
        var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6));
        var lastError = reader.IsDBNull(7) ? null : reader.GetString(7);
        await reader.NextResultAsync(cancellationToken);
        var log = new List<DeliveryAttempt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            log.Add(new DeliveryAttempt(
                reader.GetInt32(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                TimeSpan.FromMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return new WebhookDelivery(id, eventId, eventType, url, status, attempts, next, created, lastError, log);
    }

    internal static DeliveryStatus ParseStatus(string value) => value switch
    {
        "pending" => DeliveryStatus.Pending,
        "succeeded" => DeliveryStatus.Succeeded,
        "dead" => DeliveryStatus.DeadLettered,
        "disabled" => DeliveryStatus.EndpointDisabled,
        _ => DeliveryStatus.Refused,
    };
}
