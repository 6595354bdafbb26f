using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Workshop.Site.Markdown.Tasks;

/// <summary>Writes a task as a section with a points badge.</summary>
internal sealed class TaskBlockRenderer : HtmlObjectRenderer<TaskBlock>
{
    protected override void Write(HtmlRenderer renderer, TaskBlock block)
    {
        renderer.EnsureLine();
        var unit = block.Points == 1 ? "point" : "points";
        renderer.WriteLine($"<section class=\"task\" data-task=\"{block.Number}\" data-points=\"{block.Points}\">");
        renderer.WriteLine($"<p class=\"task-points\">Task {block.Number} · {block.Points} {unit}</p>");
        renderer.WriteChildren(block);
        renderer.WriteLine("</section>");
    }
}
