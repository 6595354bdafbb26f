using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
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
        MarkListItems(document);
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

    /// <summary>
    /// The list form labs use: <c>1. **Echo every message** (3 points) — …</c>. The item gets a task class and a
    /// points badge (its number comes from the list).
    /// </summary>
    private static void MarkListItems(MarkdownDocument document)
    {
        foreach (var list in document.Descendants<ListBlock>().Where(l => l.IsOrdered))
        {
            var number = int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var n = number++;
                if (item.Count == 0 || item[0] is not ParagraphBlock { Inline: { } inline } paragraph) continue;
                var match = TaskItem().Match(PlainText.Of(paragraph));
                if (!match.Success) continue;
                var points = match.Groups["points"].Value;
                var attributes = item.GetAttributes();
                attributes.AddClass("task-item");
                attributes.AddProperty("data-task", n.ToString(CultureInfo.InvariantCulture));
                attributes.AddProperty("data-points", points);
                var unit = points == "1" ? "point" : "points";
                var badge = new Markdig.Syntax.Inlines.HtmlInline($"<span class=\"task-points\">{points} {unit}</span>");
                if (inline.FirstChild is { } first) first.InsertBefore(badge);
                else inline.AppendChild(badge);
            }
        }
    }

    [GeneratedRegex(@"^[^\n(]{1,200}?\((?<points>\d+)\s*(?:points?|pts?)\)", RegexOptions.IgnoreCase)]
    private static partial Regex TaskItem();

    [GeneratedRegex(@"^(?:Task\s+)?(?<n>\d+)\s*[:.)\-–—]?\s+(?<title>.+?)\s*\((?<points>\d+)\s*(?:points?|pts?)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex TaskHeading();
}
