namespace Workshop.Site.Tests.Specs;

public sealed class TaskBlockExtensionTests
{
    private const string Lab = """
        # Lab

        ## Tasks

        ### Task 1: Accept the upgrade (10 points)

        Answer `101`.

        ### Task 2: Echo every message (15 pts)

        Send it back.

        ## Pitfalls

        Not a task.
        """;

    [Fact]
    public void A_task_heading_opens_a_task_block_with_its_points()
    {
        var html = MarkdownHarness.Html(Lab);

        Assert.Contains("<section class=\"task\" data-task=\"1\" data-points=\"10\">", html, StringComparison.Ordinal);
        Assert.Contains("Task 1 · 10 points", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"task\" data-task=\"2\" data-points=\"15\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_block_holds_its_section_and_ends_at_the_next_heading_of_its_level()
    {
        var html = MarkdownHarness.Html(Lab);

        var first = Between(html, "data-task=\"1\"", "</section>");
        Assert.Contains("Accept the upgrade", first, StringComparison.Ordinal);
        Assert.Contains("<code>101</code>", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Echo every message", first, StringComparison.Ordinal);
        var second = Between(html, "data-task=\"2\"", "</section>");
        Assert.Contains("Send it back.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Pitfalls", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_numbered_heading_without_the_word_task_is_a_task_too()
    {
        var html = MarkdownHarness.Html("## 3. Close cleanly (1 point)\n\nSend 1000.\n");

        Assert.Contains("data-task=\"3\" data-points=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("Task 3 · 1 point<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_without_points_is_not_a_task()
    {
        var html = MarkdownHarness.Html("## Task 1: Read the story\n\nText.\n");

        Assert.DoesNotContain("class=\"task\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_numbered_list_of_tasks_with_points_marks_each_item_with_its_badge()
    {
        var html = MarkdownHarness.Html("## Tasks\n\n1. **Send `Welcome!`** (2 points) — first message.\n2. **Echo** (3 points) — back.\n3. Not a task.\n");

        Assert.Contains("<li class=\"task-item\" data-task=\"1\" data-points=\"2\"><span class=\"task-points\">2 points</span><strong>Send <code>Welcome!</code></strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-task=\"2\" data-points=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>Not a task.</li>", html, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
