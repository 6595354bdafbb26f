namespace Workshop.Grading.Notebooks;

/// <summary>The three verdicts of a notebook exercise, as its check cell prints them.</summary>
public enum ExerciseVerdictKind
{
    /// <summary>Every case matched the worked answer.</summary>
    Passed,

    /// <summary>The exercise cell is missing or still throws NotImplementedException.</summary>
    NotDoneYet,

    /// <summary>A case differed, threw or hung; or the cell does not compile.</summary>
    Wrong,
}
