namespace Workshop.Site.Markdown.Links;

/// <summary>A page a link can point to: its output file and the anchors it has.</summary>
internal sealed record LinkTarget(string OutputName, IReadOnlySet<string> Anchors);
