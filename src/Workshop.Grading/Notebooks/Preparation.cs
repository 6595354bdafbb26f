using Workshop.Grading.Running;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// What a class's notebook grading prepares once: the captured compiler call, the folder of the library the program
/// references, the seed of every student's cases, and the worked answers' results per exercise (or why an
/// exercise, or everything, cannot be graded).
/// </summary>
internal sealed record Preparation(CompilerTemplate? Compiler, string Lib, int Seed, Dictionary<string, ProbeResults.Exercise> Expected,
    Dictionary<string, string> Broken, string? Problem)
{
    public static Preparation Failed(string problem) => new(null, "", 0, [], [], problem);
}
