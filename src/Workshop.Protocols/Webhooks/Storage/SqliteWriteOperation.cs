namespace Workshop.Protocols.Webhooks;

/// <summary>One queued write: runs inside a batch, and its caller learns the outcome only after the commit.</summary>
internal abstract class SqliteWriteOperation(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Its caller already has an outcome (it was cancelled): not to be run.</summary>
    public abstract bool IsSettled { get; }

    /// <summary>Runs the operation; the result is kept until the batch commits.</summary>
    public abstract void Run(SqliteWriteSession session);

    /// <summary>The batch committed: hand the caller its result (or its own failure).</summary>
    public abstract void Publish();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

/// <summary>A write returning <typeparamref name="T"/>.</summary>
internal sealed class SqliteWriteOperation<T>(Func<SqliteWriteSession, T> operation, CancellationToken cancellationToken)
    : SqliteWriteOperation(cancellationToken)
{
    // Continuations run on the thread pool, never inline on the writer's loop.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _failure;

    public Task<T> Task => _completion.Task;

    public override bool IsSettled => _completion.Task.IsCompleted;

    public override void Run(SqliteWriteSession session)
    {
        _failure = null;
        try
        {
            _result = operation(session);
        }
        catch (Exception ex)
        {
            // The caller sees a full database as the library's own exception, not as a provider error code.
            _failure = StorageErrors.Translate(ex);
            throw;
        }
    }

    public override void Publish()
    {
        if (_failure is not null) _completion.TrySetException(_failure);
        else _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(StorageErrors.Translate(exception));

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : default);
}
