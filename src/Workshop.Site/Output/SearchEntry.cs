namespace Workshop.Site.Output;

/// <summary>One searchable section: page title and url, the heading and anchor, the section's text.</summary>
internal sealed record SearchEntry(string Page, string Url, string Heading, string Text);
