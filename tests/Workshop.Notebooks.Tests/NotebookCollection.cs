namespace Workshop.Notebooks.Tests;

/// <summary>
/// Notebooks run one at a time: the runner changes the process's working directory (relative <c>#load</c> paths
/// resolve against it) and the cells redirect Console output.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Notebooks";
}
