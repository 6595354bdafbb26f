namespace Workshop.Cli;

/// <summary>The CLI's exit codes (also documented in docs/labs.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything passed / the command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>At least one check failed.</summary>
    public const int ChecksFailed = 1;

    /// <summary>Bad input: unknown lab, missing path, unreadable manifest, refused confirmation.</summary>
    public const int BadInput = 2;
}
