using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Workshop.Grading.Checks;

/// <summary>
/// What the checks of one run have learned about why a task fails, so a later check of the same task that needs the
/// same thing fails at once with that cause instead of waiting out the same deadline again. Only a failure is
/// remembered, and only for its own task: that task has lost its points already, so no verdict changes; other tasks
/// are graded independently and never recall it (a flake in one task must not fail another).
/// </summary>
public sealed class TaskMemory
{
    // One run = one HttpClient (the runner makes one per run and hands it to every check's context), so the memory
    // lives exactly as long as the run without the runner having to carry it.
    private static readonly ConditionalWeakTable<HttpClient, TaskMemory> Runs = new();
    private readonly ConcurrentDictionary<(string Task, string Need), string> _causes = new();

    /// <summary>The memory of the run that <paramref name="http"/> belongs to.</summary>
    public static TaskMemory Of(HttpClient http) => Runs.GetValue(http, _ => new TaskMemory());

    /// <summary>Remembers that a check of <paramref name="task"/> could not get <paramref name="need"/>, because of <paramref name="cause"/>.</summary>
    public void Remember(string task, string need, string cause) => _causes.TryAdd((task, need), cause);

    /// <summary>The cause remembered for <paramref name="task"/> and <paramref name="need"/>, or null.</summary>
    public string? Recall(string task, string need) => _causes.TryGetValue((task, need), out var cause) ? cause : null;
}
