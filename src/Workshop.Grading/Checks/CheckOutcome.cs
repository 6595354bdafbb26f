namespace Workshop.Grading.Checks;

/// <summary>What one check saw: passed or not, and what it observed (shown next to what was expected).</summary>
public sealed record CheckOutcome(bool Passed, string Observed)
{
    /// <summary>A pass, with what was seen.</summary>
    public static CheckOutcome Pass(string observed) => new(true, observed);

    /// <summary>A failure, with what was seen instead.</summary>
    public static CheckOutcome Fail(string observed) => new(false, observed);

    /// <summary>Pass when <paramref name="condition"/> holds.</summary>
    public static CheckOutcome When(bool condition, string observed) => new(condition, observed);
}
