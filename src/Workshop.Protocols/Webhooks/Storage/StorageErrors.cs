using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>Recognises SQLite's "database or disk is full" and turns it into the library's own exception.</summary>
internal static class StorageErrors
{
    private const int SqliteFull = 13;

    public static bool IsFull(Exception exception)
        => exception is SqliteException sqlite && (sqlite.SqliteErrorCode == SqliteFull || (sqlite.SqliteExtendedErrorCode & 0xFF) == SqliteFull);

    /// <summary><see cref="WebhookStorageFullException"/> for SQLITE_FULL, otherwise the exception itself.</summary>
    public static Exception Translate(Exception exception)
        => IsFull(exception) ? WebhookStorageFullException.From(exception) : exception;
}
