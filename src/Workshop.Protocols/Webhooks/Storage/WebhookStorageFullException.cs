namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The webhook database reached its ceiling (<see cref="WebhookOptions.MaxDatabaseBytes"/>; SQLite answered
/// <c>SQLITE_FULL</c>): the write that hit it was undone and new work is refused until retention frees space.
/// Reads and deletes keep working. HTTP APIs answer it with 507 Insufficient Storage.
/// </summary>
public sealed class WebhookStorageFullException : Exception
{
    private const string DefaultMessage = "The webhook database is full (Webhooks:MaxDatabaseBytes); new work is refused until old records expire.";

    /// <summary>Creates the exception with the default message.</summary>
    public WebhookStorageFullException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookStorageFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public WebhookStorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the default message around SQLite's own error.</summary>
    internal static WebhookStorageFullException From(Exception sqliteError) => new(DefaultMessage, sqliteError);
}
