namespace Workshop.Site.Tests.Specs;

public sealed class CalloutExtensionTests
{
    [Theory]
    [InlineData("NOTE", "note", "Note")]
    [InlineData("TIP", "tip", "Tip")]
    [InlineData("WARNING", "warning", "Warning")]
    public void A_marked_block_quote_becomes_a_titled_callout(string marker, string kind, string title)
    {
        var html = MarkdownHarness.Html($"> [!{marker}]\n> Send a ping **every** 15 s.\n");

        Assert.Contains($"<div class=\"callout callout-{kind}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"callout-title\">{title}</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Send a ping <strong>every</strong> 15 s.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[!", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callout_keeps_every_paragraph_and_code_block_inside_it()
    {
        var html = MarkdownHarness.Html("> [!TIP]\n> First.\n>\n> ```js\n> x();\n> ```\n");

        var box = html[html.IndexOf("<div class=\"callout", StringComparison.Ordinal)..];
        Assert.True(box.IndexOf("First.", StringComparison.Ordinal) < box.IndexOf("</div>\n", box.IndexOf("lang-javascript", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("lang-javascript", box, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_block_quote_stays_a_block_quote()
    {
        var html = MarkdownHarness.Html("> Just a quote, [not a marker].\n");

        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("callout", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_marker_is_left_as_text()
    {
        var html = MarkdownHarness.Html("> [!DANGER]\n> Careful.\n");

        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("[!DANGER]", html, StringComparison.Ordinal);
    }
}
