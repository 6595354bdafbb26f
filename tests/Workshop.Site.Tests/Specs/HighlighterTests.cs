namespace Workshop.Site.Tests.Specs;

public sealed class HighlighterTests
{
    [Fact]
    public void Csharp_keywords_strings_and_comments_are_marked()
    {
        var html = MarkdownHarness.Html("```csharp\n// why\nvar s = \"Welcome!\";\n```\n");

        Assert.Contains("<span class=\"tok-comment\">// why</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-keyword\">var</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-string\">&quot;Welcome!&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"code-lang\">C#</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Javascript_and_json_are_highlighted()
    {
        var js = MarkdownHarness.Html("```javascript\nconst socket = new WebSocket(\"ws://x\");\n```\n");
        Assert.Contains("<span class=\"tok-keyword\">const</span>", js, StringComparison.Ordinal);

        var json = MarkdownHarness.Html("```json\n{\"amount\": 4200}\n```\n");
        Assert.Contains("<span class=\"tok-json-key\">&quot;amount&quot;</span>", json, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-json-number\">4200</span>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_start_line_headers_and_event_stream_fields_are_marked()
    {
        var html = MarkdownHarness.Html("```http\nGET /events HTTP/1.1\nLast-Event-ID: 41\n\nid: 42\ndata: hi\n: ping\n```\n");

        Assert.Contains("<span class=\"tok-keyword\">GET</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-attr\">Last-Event-ID</span>:<span class=\"tok-string\"> 41</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-attr\">data</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-comment\">: ping</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_json_body_is_highlighted_as_json()
    {
        var html = MarkdownHarness.Html("```http\nPOST /hook HTTP/1.1\nContent-Type: application/json\n\n{\"type\": \"push\"}\n```\n");

        Assert.Contains("<span class=\"tok-json-key\">&quot;type&quot;</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_commands_options_strings_and_comments_are_marked()
    {
        var html = MarkdownHarness.Html("```sh\ndotnet run --project src/App -- \"x y\" # start it\n```\n");

        Assert.Contains("<span class=\"tok-keyword\">dotnet</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-option\">--project</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-string\">&quot;x y&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-comment\"># start it</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_languages_are_escaped_and_every_code_block_has_a_copy_button()
    {
        var html = MarkdownHarness.Html("```brainfuck\n<script>alert(1)</script>\n```\n");

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<button class=\"copy\"", html, StringComparison.Ordinal);
    }
}
