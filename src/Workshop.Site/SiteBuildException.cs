namespace Workshop.Site;

/// <summary>The build found broken links, anchors or includes; nothing usable was published.</summary>
public sealed class SiteBuildException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public SiteBuildException(IReadOnlyList<SiteProblem> problems)
        : base($"The site build failed with {problems.Count} problem(s):{Environment.NewLine}"
               + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
        => Problems = problems;

    /// <summary>Creates an exception with a single message.</summary>
    public SiteBuildException() : this([]) { }

    /// <summary>Creates an exception with a single message.</summary>
    public SiteBuildException(string message) : base(message) => Problems = [];

    /// <summary>Creates an exception with a single message and cause.</summary>
    public SiteBuildException(string message, Exception inner) : base(message, inner) => Problems = [];

    /// <summary>Every problem, each with its file and line.</summary>
    public IReadOnlyList<SiteProblem> Problems { get; }
}
