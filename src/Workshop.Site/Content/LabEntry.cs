using System.Globalization;

namespace Workshop.Site.Content;

/// <summary>One lab of <c>labs/labs.json</c>: its id ("01"), its folder under <c>labs/</c>, its title if the manifest has one.</summary>
internal sealed record LabEntry(string Id, string Folder, string? Title)
{
    /// <summary>Whether <paramref name="id"/> names this lab: "9", "09" and 9 are the same lab.</summary>
    public bool Is(string id) => SameId(Id, id);

    /// <summary>Ids compare as numbers when both are numbers, else as text.</summary>
    public static bool SameId(string a, string b)
        => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? x == y
            : string.Equals(a, b, StringComparison.Ordinal);
}
