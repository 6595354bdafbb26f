using Microsoft.Data.Sqlite;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// What a write operation sees while <see cref="SqliteWriter"/> runs it: the writer's connection, already inside the
/// batch's transaction, and prepared commands that are reused across batches (parsing SQL costs more than running it).
/// </summary>
public sealed class SqliteWriteSession
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteWriteSession(SqliteConnection connection) => Connection = connection;

    /// <summary>The writer's connection. Do not begin or end transactions on it: the writer owns them.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>A prepared command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    internal void Close()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        Connection.Dispose();
    }
}
