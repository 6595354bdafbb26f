namespace Workshop.Grading.Notebooks;

/// <summary>What the grader concluded for one exercise of one student, with the reason in the student's words.</summary>
public sealed record ExerciseVerdict(ExerciseVerdictKind Kind, string Detail)
{
    /// <summary>Every case gave the worked answer's result.</summary>
    public static ExerciseVerdict Passed { get; } = new(ExerciseVerdictKind.Passed, "passed");

    /// <summary>The function still throws NotImplementedException.</summary>
    public static ExerciseVerdict NotDone(string detail) => new(ExerciseVerdictKind.NotDoneYet, detail);

    /// <summary>A case differed, threw, hung, or the exercise could not run.</summary>
    public static ExerciseVerdict Wrong(string detail) => new(ExerciseVerdictKind.Wrong, detail);
}
