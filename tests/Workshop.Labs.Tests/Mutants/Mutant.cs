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
/// <param name="AlsoFails">
/// Tasks that rightly fail too because they build on <see cref="Task"/> (lab 05's page cannot lose nothing across a
/// drop when the server's replay is wrong); each needs its reason in the manifest. Empty for nearly every mutant.
/// </param>
/// <param name="KnownHole">
/// Set when the check that should catch the mutant cannot be fixed on this branch (its file is someone else's to
/// change): the reason and the fix. The test then proves the hole is still there, and fails once it is closed, so the
/// entry is removed and the mutant starts guarding the check.
/// </param>
public sealed record Mutant(string Lab, string Name, string Task, string Thought, string PatchPath, IReadOnlyList<string> AlsoFails, string? KnownHole = null)
{
    /// <summary>How the mutant shows in test names and messages: <c>03/fixed-interval-reconnect</c>.</summary>
    public override string ToString() => $"{Lab}/{Name}";
}
