namespace Workshop.Grading.Checks.Hidden;

/// <summary>
/// <c>{{run}}</c> in a hidden check's paths, bodies and expectations becomes a token unique to one run, so a check
/// that creates something (a delivery id, a published message) never collides with an earlier run.
/// </summary>
internal static class RunToken
{
    public const string Placeholder = "{{run}}";

    /// <summary>A fresh token.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..12];

    /// <summary><paramref name="text"/> with every placeholder replaced by <paramref name="token"/>.</summary>
    public static string Apply(string text, string token) => text.Replace(Placeholder, token, StringComparison.Ordinal);
}
