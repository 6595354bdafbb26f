namespace Workshop.Protocols.Exercises;

/// <summary>Thrown by <see cref="Exercise.Expect"/> and <see cref="Exercise.Equal{T}"/>: the learner's answer does not do what the lesson asks.</summary>
public sealed class ExerciseMismatchException : Exception
{
    /// <summary>Creates the exception with what was wrong, in words a learner can act on.</summary>
    public ExerciseMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with a message.</summary>
    public ExerciseMismatchException() { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ExerciseMismatchException(string message, Exception innerException) : base(message, innerException) { }
}
