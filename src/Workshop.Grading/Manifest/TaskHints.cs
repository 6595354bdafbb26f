namespace Workshop.Grading.Manifest;

/// <summary>
/// A task's hints in three levels, each given only when asked for: <see cref="Nudge"/> (which concept, where to
/// look), <see cref="Concept"/> (the API or protocol rule, with a link to read more) and <see cref="Code"/> (the code
/// itself, to go in <see cref="Files"/> of <c>start/</c>). Levels 1 and 2 carry no code; feedback shows level 1 only.
/// </summary>
public sealed record TaskHints(string Nudge, string Concept, string Code, IReadOnlyList<string> Files)
{
    /// <summary>The number of levels (1: nudge, 2: concept, 3: code).</summary>
    public const int Levels = 3;

    /// <summary>The text of a level from 1 to <see cref="Levels"/>.</summary>
    public string Level(int level) => level switch
    {
        1 => Nudge,
        2 => Concept,
        3 => Code,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, $"a hint level is 1 to {Levels}"),
    };

    /// <summary>What each level is called, for headings.</summary>
    public static string Name(int level) => level switch { 1 => "nudge", 2 => "concept", 3 => "code", _ => "?" };
}
