namespace Workshop.Grading.Checks;

/// <summary>The checks of one lab, in the order they run.</summary>
public interface ILabCheckSet
{
    /// <summary>The lab id from the manifest (<c>01</c>).</summary>
    string LabId { get; }

    /// <summary>The checks; each names its task.</summary>
    IReadOnlyList<LabCheck> Checks { get; }
}
