using Markdig.Syntax;

namespace Workshop.Site.Markdown.Tasks;

/// <summary>A lab task: its heading and everything up to the next heading of the same or a higher level.</summary>
internal sealed class TaskBlock(int number, int points) : ContainerBlock(null)
{
    public int Number { get; } = number;

    public int Points { get; } = points;
}
