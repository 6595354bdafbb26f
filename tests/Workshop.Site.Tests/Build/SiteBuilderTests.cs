using Workshop.Site.Tests.Specs;

namespace Workshop.Site.Tests.Build;

public sealed class SiteBuilderTests : IDisposable
{
    private readonly TempRepo _repo = new();

    [Fact]
    public void A_broken_link_fails_the_build_naming_the_file_and_line()
    {
        _repo.Write("site/index.md", "# Home\n\nFine.\n\nSee [the lab](../labs/09-missing/README.md).\n");

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("site/index.md", 5), (problem.File, problem.Line));
        Assert.Contains("site/index.md:5: broken link ../labs/09-missing/README.md", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_repo.Output));
    }

    [Fact]
    public void A_broken_anchor_to_another_page_fails_the_build()
    {
        _repo.Write("README.md", "# The kit\n\nSee [home](site/index.md#nowhere).\n");

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        Assert.Contains("README.md:3: broken anchor site/index.md#nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_include_fails_the_build_naming_the_file_and_line()
    {
        _repo.Write("README.md", "# The kit\n\n```csharp file=src/Gone.cs#main\n```\n");

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        Assert.Contains("README.md:3: include file not found: src/Gone.cs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labs_follow_the_manifest_order_and_notebooks_follow_their_file_names()
    {
        _repo.Write("labs/labs.json", """{ "labs": [ { "id": "02", "folder": "02-chat", "title": "Chat room" }, { "id": "01", "title": "Echo" } ] }""")
            .Write("labs/01-echo/README.md", "# Lab 1\n\nNext: [chat](../02-chat/README.md).\n")
            .Write("labs/02-chat/README.md", "# Lab 2\n\n## Task 1: Broadcast (5 points)\n\nGo.\n")
            .Write("notebooks/02-sse.ipynb", NotebookReaderTests.Notebook)
            .Write("notebooks/01-ws.ipynb", NotebookReaderTests.Notebook.Replace("Server-Sent Events", "WebSockets", StringComparison.Ordinal));

        var report = _repo.Build();

        Assert.Equal(6, report.PageCount);
        var home = _repo.Page("index.html");
        var order = new[] { "index.html", "readme.html", "lab-02-chat.html", "lab-01-echo.html", "notebook-01-ws.html", "notebook-02-sse.html" };
        var positions = order.Select(p => home.IndexOf($"href=\"{p}\"", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(">02 · Chat room</a>", home, StringComparison.Ordinal);
        Assert.Contains("<ul class=\"toc-page\"><li><a href=\"#task-1-broadcast-5-points\">Task 1: Broadcast (5 points)</a></li></ul>", _repo.Page("lab-02-chat.html"), StringComparison.Ordinal);
        Assert.Contains("<a href=\"lab-02-chat.html\">chat</a>", _repo.Page("lab-01-echo.html"), StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"notebook-01-ws.html\"", _repo.Page("lab-01-echo.html"), StringComparison.Ordinal);
        Assert.Contains("<pre class=\"output\"", _repo.Page("notebook-02-sse.html"), StringComparison.Ordinal);
        Assert.Empty(LinkChecker.Check(_repo.Output));
    }

    [Fact]
    public void A_lab_page_ends_with_the_solution_files_that_differ_from_start_included_from_the_files()
    {
        _repo.Write("labs/01-echo/README.md", "# Lab 1\n\nDo it.\n")
            .Write("labs/01-echo/start/Program.cs", "// TODO: echo\n")
            .Write("labs/01-echo/solution/Program.cs", "// Echo: one writer per socket.\nawait EchoAsync();\n")
            .Write("labs/01-echo/start/wwwroot/app.js", "const same = 1;\n")
            .Write("labs/01-echo/solution/wwwroot/app.js", "const same = 1;\n")
            .Write("labs/01-echo/solution/obj/Generated.cs", "// build output\n");

        _repo.Build();

        var lab = _repo.Page("lab-01-echo.html");
        Assert.Contains("<h2 id=\"solution-code\">", lab, StringComparison.Ordinal);
        var fold = lab.IndexOf("<details class=\"solution\">\n<summary>Show the solution</summary>", StringComparison.Ordinal);
        Assert.True(fold > 0, "no closed Show the solution fold");
        Assert.True(lab.IndexOf("<span class=\"code-file\">labs/01-echo/solution/Program.cs</span>", StringComparison.Ordinal) > fold);
        Assert.True(lab.IndexOf("EchoAsync", StringComparison.Ordinal) > fold, "solution code shown before the fold");
        Assert.DoesNotContain("app.js", lab, StringComparison.Ordinal);
        Assert.DoesNotContain("Generated.cs", lab, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_link_in_a_notebook_names_the_notebook_and_cell()
    {
        _repo.Write("notebooks/01-ws.ipynb", """{ "cells": [ { "cell_type": "markdown", "source": ["# WS\n", "\n", "[lab](../labs/none/README.md)"] } ] }""");

        var error = Assert.Throws<SiteBuildException>(() => _repo.Build());

        Assert.Contains("notebooks/01-ws.ipynb: cell 1, line 3: broken link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_refuses_to_empty_a_folder_it_did_not_write()
    {
        _repo.Write("out/precious.txt", "keep me");

        Assert.Throws<SiteBuildException>(() => _repo.Build());
        Assert.True(File.Exists(Path.Combine(_repo.Output, "precious.txt")));
    }

    [Fact]
    public void A_rebuild_replaces_the_previous_output()
    {
        _repo.Build();
        File.WriteAllText(Path.Combine(_repo.Output, "stale.html"), "old");

        _repo.Build();

        Assert.False(File.Exists(Path.Combine(_repo.Output, "stale.html")));
        Assert.True(File.Exists(Path.Combine(_repo.Output, "index.html")));
    }

    public void Dispose() => _repo.Dispose();
}
