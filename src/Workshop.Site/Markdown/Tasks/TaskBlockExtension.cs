using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Workshop.Site.Markdown.Tasks;

/// <summary>
/// Lab task blocks: a heading such as <c>### Task 2: Broadcast to everyone (15 points)</c> (or <c>### 2. Broadcast (15 pts)</c>)
/// opens a task box holding the section under it, with the points shown as a badge. Plain headings on GitHub.
/// </summary>
internal sealed partial class TaskBlockExtension : IMarkdownExtension, ISiteTransform
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<TaskBlockRenderer>()) html.ObjectRenderers.Add(new TaskBlockRenderer());
    }

    public void Transform(MarkdownDocument document, PageContext context)
    {
        for (var i = 0; i < document.Count; i++)
        {
            if (document[i] is not HeadingBlock heading) continue;
            var match = TaskHeading().Match(PlainText.Of(heading).Trim());
            if (!match.Success) continue;

            var task = new TaskBlock(
                int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["points"].Value, CultureInfo.InvariantCulture)) { Line = heading.Line };
            // Move the heading and its section into the task, then put the task where the heading was.
            while (i < document.Count)
            {
                var block = document[i];
                if (block != heading && block is HeadingBlock next && next.Level <= heading.Level) break;
                document.RemoveAt(i);
                task.Add(block);
            }
            document.Insert(i, task);
        }
    }

    [GeneratedRegex(@"^(?:Task\s+)?(?<n>\d+)\s*[:.)\-–—]?\s+(?<title>.+?)\s*\((?<points>\d+)\s*(?:points?|pts?)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex TaskHeading();
}
