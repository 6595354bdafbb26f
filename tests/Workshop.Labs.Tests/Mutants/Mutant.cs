namespace Workshop.Labs.Tests.Mutants;

/// <summary>
/// A wrong-but-plausible solution: <c>labs/NN-slug/mutants/&lt;Name&gt;.patch</c>, a unified diff against the lab's
/// solution/, which must fail exactly <see cref="Task"/> and pass every other task of its lab.
/// </summary>
/// <param name="Lab">The lab id (e.g. <c>03</c>).</param>
/// <param name="Name">The patch's file name without <c>.patch</c>.</param>
/// <param name="Task">The one task the mutant must fail.</param>
/// <param name="Thought">What a learner writing it was thinking, in one sentence.</param>
/// <param name="PatchPath">The patch file.</param>
public sealed record Mutant(string Lab, string Name, string Task, string Thought, string PatchPath)
{
    /// <summary>How the mutant shows in test names and messages: <c>03/fixed-interval-reconnect</c>.</summary>
    public override string ToString() => $"{Lab}/{Name}";
}
