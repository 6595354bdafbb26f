namespace Workshop.Cli.Classroom;

/// <summary>
/// Where a student repository's workflow takes the instructor's checks from: a GitHub repository
/// (<c>owner/name</c>) at a fixed ref (a tag or commit), checked out beside the student's files into
/// <see cref="Folder"/> — never the student's own, editable copy.
/// </summary>
public sealed record PinnedSource(string Repository, string Ref)
{
    /// <summary>The folder (relative to the student's checkout) the instructor's repository is checked out into.</summary>
    public const string Folder = ".instructor";

    /// <summary>The built CLI inside <see cref="Folder"/>, run by every grading step.</summary>
    public const string Cli = Folder + "/src/Workshop.Cli/bin/Release/net10.0/workshop.dll";

    /// <summary>True for <c>owner/name</c> with GitHub's characters and a non-empty ref without spaces or quotes.</summary>
    public bool IsValid =>
        System.Text.RegularExpressions.Regex.IsMatch(Repository, @"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")
        && System.Text.RegularExpressions.Regex.IsMatch(Ref, @"^[A-Za-z0-9._/-]+$");
}
