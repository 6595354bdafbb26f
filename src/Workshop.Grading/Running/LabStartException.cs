namespace Workshop.Grading.Running;

/// <summary>The lab process could not be brought up (crash, hang, no listening line).</summary>
public sealed class LabStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabStartException() { }

    /// <summary>Creates the exception with the reason.</summary>
    public LabStartException(string message) : base(message) { }

    /// <summary>Creates the exception with the reason and the cause.</summary>
    public LabStartException(string message, Exception inner) : base(message, inner) { }
}
