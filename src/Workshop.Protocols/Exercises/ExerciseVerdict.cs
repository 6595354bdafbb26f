namespace Workshop.Protocols.Exercises;

/// <summary>What a notebook exercise's check concluded.</summary>
public enum ExerciseVerdict
{
    /// <summary>The exercise cell still throws <see cref="NotImplementedException"/>.</summary>
    NotDoneYet,

    /// <summary>Every assertion held.</summary>
    Passed,

    /// <summary>An assertion failed, the code threw, or it hung.</summary>
    Wrong,
}
