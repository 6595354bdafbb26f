using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Workshop.Site.Markdown.Includes;

/// <summary>
/// Code from real files: a fence such as <c>```csharp file=solution/Program.cs#echo</c> shows the region <c>echo</c>
/// of that file (<c>#L10-L24</c> for lines, nothing for the whole file), so the site shows the code the tests check.
/// Any body the fence has (a copy for GitHub readers) is replaced. A missing file, region or range fails the build.
/// </summary>
internal sealed partial class CodeIncludeExtension : IMarkdownExtension, ISiteTransform
{
    public const string DataKey = "workshop-include";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    public void Transform(MarkdownDocument document, PageContext context)
    {
        foreach (var fence in document.Descendants<FencedCodeBlock>())
        {
            var match = FileArgument().Match(fence.Arguments ?? "");
            if (!match.Success) continue;
            var reference = match.Groups["path"].Value;
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? reference : reference[..hash];
            var selector = hash < 0 ? "" : reference[(hash + 1)..];

            var repoPath = context.ResolveRepoPath(path);
            if (repoPath is null || !File.Exists(context.FullPath(repoPath)))
            {
                context.Report(fence.Line, $"include file not found: {path}");
                continue;
            }
            var lines = File.ReadAllLines(context.FullPath(repoPath));
            var text = RegionExtractor.Extract(lines, selector, out var error);
            if (text is null)
            {
                context.Report(fence.Line, $"include {reference}: {error}");
                continue;
            }
            fence.SetData(DataKey, text);
            fence.SetData(DataKey + "-source", repoPath);
        }
    }

    [GeneratedRegex(@"(?:^|\s)file=(?<path>\S+)")]
    private static partial Regex FileArgument();
}
