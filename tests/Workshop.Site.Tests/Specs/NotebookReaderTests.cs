using Workshop.Site.Content;

namespace Workshop.Site.Tests.Specs;

public sealed class NotebookReaderTests
{
    internal const string Notebook = """
        {
          "cells": [
            { "cell_type": "markdown", "metadata": {}, "source": ["# Server-Sent Events\n", "\n", "Resume with `Last-Event-ID`."] },
            { "cell_type": "code", "metadata": { "polyglot_notebook": { "kernelName": "csharp" } },
              "source": ["var text = \"id: 1\";\n", "Console.WriteLine(text);"],
              "outputs": [
                { "output_type": "stream", "name": "stdout", "text": ["id: 1\n"] },
                { "output_type": "execute_result", "data": { "text/html": "<script>x()</script><b>42</b>", "text/plain": ["42"] } }
              ] },
            { "cell_type": "code", "metadata": {}, "source": "```\nnested fence\n```", "outputs": [] }
          ],
          "metadata": { "polyglot_notebook": { "defaultKernelName": "csharp" } },
          "nbformat": 4, "nbformat_minor": 5
        }
        """;

    [Fact]
    public void Markdown_cells_code_cells_and_stored_outputs_become_markdown()
    {
        var (markdown, _) = NotebookReader.Read(Notebook);

        Assert.Contains("# Server-Sent Events\n\nResume with `Last-Event-ID`.", markdown, StringComparison.Ordinal);
        Assert.Contains("```csharp\nvar text = \"id: 1\";\nConsole.WriteLine(text);\n```", markdown, StringComparison.Ordinal);
        Assert.Contains("```output\nid: 1\n```", markdown, StringComparison.Ordinal);
        Assert.Contains("```output\n42\n```", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_holding_a_fence_gets_a_longer_fence()
    {
        var (markdown, _) = NotebookReader.Read(Notebook);

        Assert.Contains("````csharp\n```\nnested fence\n```\n````", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_render_as_output_blocks_after_their_code()
    {
        var (markdown, _) = NotebookReader.Read(Notebook);
        var html = MarkdownHarness.Html(markdown);

        Assert.Contains("<pre class=\"output\" aria-label=\"Output\"><code>id: 1</code></pre>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("lang-csharp", StringComparison.Ordinal) < html.IndexOf("class=\"output\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_markdown_line_knows_its_cell()
    {
        var (markdown, origins) = NotebookReader.Read(Notebook);
        var lines = markdown.Split('\n');

        var code = Array.IndexOf(lines, "Console.WriteLine(text);");
        Assert.Equal("cell 2, line 2", origins[code]);
        Assert.Equal("cell 1, line 3", origins[Array.FindIndex(lines, l => l.StartsWith("Resume", StringComparison.Ordinal))]);
    }
}
