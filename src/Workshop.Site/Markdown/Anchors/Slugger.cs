using System.Text;

namespace Workshop.Site.Markdown.Anchors;

/// <summary>GitHub's heading ids: lower case, punctuation dropped, spaces to dashes.</summary>
internal static class Slugger
{
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else if (c == ' ') sb.Append('-');
        }
        return sb.ToString();
    }
}
