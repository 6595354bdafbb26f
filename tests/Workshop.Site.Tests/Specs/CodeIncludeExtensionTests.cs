namespace Workshop.Site.Tests.Specs;

public sealed class CodeIncludeExtensionTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public CodeIncludeExtensionTests()
    {
        _repo.Write("labs/01-echo/solution/Program.cs", """
            var app = WebApplication.Create();
            #region echo
            app.Map("/ws", async context =>
            {
                // One writer per socket.
                await EchoAsync(context);
            });
            #endregion
            app.Run();
            """);
        _repo.Write("labs/01-echo/solution/wwwroot/app.js", "const a = 1;\n// region connect\nconst socket = new WebSocket(url);\n// endregion\n");
    }

    [Fact]
    public void A_csharp_region_is_included_dedented_without_its_markers()
    {
        var html = Render("```csharp file=solution/Program.cs#echo\n```\n");

        Assert.Contains("<span class=\"tok-comment\">// One writer per socket.</span>", html, StringComparison.Ordinal);
        Assert.Contains("<code>app.Map(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#region", html, StringComparison.Ordinal);
        Assert.DoesNotContain("app.Run", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"code-file\">labs/01-echo/solution/Program.cs</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_javascript_region_written_as_a_comment_is_included()
    {
        var html = Render("```js file=solution/wwwroot/app.js#connect\n```\n");

        Assert.Contains("WebSocket(url)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("const a", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_range_is_included_and_the_fence_body_is_replaced()
    {
        var html = Render("```csharp file=/labs/01-echo/solution/Program.cs#L1-L1\nstale copy\n```\n");

        Assert.Contains("WebApplication.Create()", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stale copy", html, StringComparison.Ordinal);
        Assert.DoesNotContain("app.Map", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solution/Missing.cs", "include file not found")]
    [InlineData("solution/Program.cs#nothing", "no region named 'nothing'")]
    [InlineData("solution/Program.cs#L5-L99", "outside the file")]
    public void A_broken_include_is_reported_with_file_and_line(string reference, string reason)
    {
        var (_, problems) = MarkdownHarness.Render($"# Lab\n\n```csharp file={reference}\n```\n", _repo.Root, "labs/01-echo/README.md");

        var problem = Assert.Single(problems);
        Assert.Equal("labs/01-echo/README.md", problem.File);
        Assert.Equal(3, problem.Line);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    private string Render(string markdown)
    {
        var (html, problems) = MarkdownHarness.Render(markdown, _repo.Root, "labs/01-echo/README.md");
        Assert.Empty(problems);
        return html;
    }

    public void Dispose() => _repo.Dispose();
}
