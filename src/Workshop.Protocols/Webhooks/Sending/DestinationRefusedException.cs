namespace Workshop.Protocols.Webhooks;

/// <summary>Thrown at connect time when every address of a destination is refused by the <see cref="DestinationGuard"/>.</summary>
public sealed class DestinationRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DestinationRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DestinationRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
