using System.Text.RegularExpressions;

namespace Workshop.Playground.Features.Notifications;

/// <summary>What a user name may be: short, plain, safe to show and to compare.</summary>
public static partial class UserName
{
    /// <summary>The rule, as a client is told it.</summary>
    public const string Rule = "a name is 1 to 32 letters, digits, '-' or '_'";

    /// <summary>True when <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex Pattern();
}
