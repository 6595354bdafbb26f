using System.Xml.Linq;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Reports;
using Workshop.Grading.Running;
using Workshop.Grading.Submissions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>
/// A failed check carries what it exchanged, and the HTML feedback draws it as an inline SVG sequence diagram:
/// valid XML, every frame's text escaped, hidden checks' exchanges left out unless asked for.
/// </summary>
public sealed class TranscriptFeedbackTests
{
    private const string Hostile = "</svg><script>alert(1)</script>\u001b[31m\u0007 & ]]>";

    private static async Task<LabReport> RunAsync(ScriptedWebSocketServer app)
    {
        var lab = RepoPaths.Manifest.Find("01")!;
        var task = lab.Tasks[0].Id;
        LabCheck[] checks =
        [
            new(task, "reads the frames", "an echo", async context =>
            {
                await using var raw = await RawWebSocket.ConnectAsync(context.WsUrl("/ws/echo"), context.CancellationToken);
                for (var i = 0; i < 4; i++) await raw.ReadFrameAsync(context.CancellationToken);
                return CheckOutcome.Fail("no echo came back");
            }),
            new(task, "passes", "anything", async context =>
            {
                await using var raw = await RawWebSocket.ConnectAsync(context.WsUrl("/ws/echo"), context.CancellationToken);
                return CheckOutcome.Pass("connected");
            }),
            new("secret", "hidden probe", "HIDDEN-EXPECTED-VALUE", async context =>
            {
                using var socket = await WebSocketProbe.ConnectAsync(context.WsUrl("/ws/echo"), context.CancellationToken);
                await WebSocketProbe.SendTextAsync(socket, "HIDDEN-SCRIPT-VALUE", context.CancellationToken);
                return CheckOutcome.Fail("no");
            }) { Hidden = true, Points = 1 },
        ];
        await using var browser = new BrowserSession(); // never launched: no check here uses a page
        return await new LabRunner(browser).RunAgainstAsync(lab, app.BaseAddress, checks, "scripted app");
    }

    private static ScriptedWebSocketServer App() => new(
    [
        ScriptedWebSocketServer.Text("Welcome!"),
        (9, true, []),
        ScriptedWebSocketServer.Text(Hostile),
        ScriptedWebSocketServer.Close(1009, "too big"),
    ]);

    [Fact]
    public async Task A_failed_check_carries_its_transcript_and_a_passed_one_does_not()
    {
        await using var app = App();

        var report = await RunAsync(app);

        var failed = report.Results.Single(r => r.Check == "reads the frames");
        Assert.False(failed.Passed);
        Assert.Contains(failed.Transcript!.Entries, e => e.Summary == "ping (0 B, FIN)");
        Assert.Contains(failed.Transcript.Entries, e => e.Summary == "close 1009 \"too big\"");
        Assert.Null(report.Results.Single(r => r.Check == "passes").Transcript);
    }

    [Fact]
    public async Task Html_feedback_of_a_failed_websocket_check_draws_the_frames_as_an_svg_sequence_diagram()
    {
        await using var app = App();
        var report = await RunAsync(app);

        var html = FeedbackWriter.ToHtml(new StudentGrade("alice", [report]));

        var page = XDocument.Parse(html);
        XNamespace svgNs = "http://www.w3.org/2000/svg";
        var svg = Assert.Single(page.Descendants(svgNs + "svg"));
        var labels = svg.Descendants(svgNs + "text").Select(t => t.Value).ToList();
        Assert.Contains(labels, l => l.StartsWith("ping", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("close 1009", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("text \"Welcome!\"", StringComparison.Ordinal));
        Assert.Contains("checker", labels);
        Assert.Contains("app", labels);
        // The hostile frame is text in the diagram, never markup, and its control characters are visible escapes.
        Assert.Contains(labels, l => l.Contains("</svg><script>", StringComparison.Ordinal) && l.Contains("\\x1B", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "a" or "image");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Value.Contains("http", StringComparison.Ordinal) && a.Name.LocalName != "xmlns");
        Assert.All(html.Where(c => c != '\n'), c => Assert.False(char.IsControl(c) || char.IsSurrogate(c), $"U+{(int)c:X4} in the HTML"));
    }

    [Fact]
    public async Task Hidden_checks_exchanges_reach_the_feedback_only_with_show_hidden()
    {
        await using var app = App();
        var report = await RunAsync(app);
        var grade = new StudentGrade("alice", [report]);

        Assert.DoesNotContain("HIDDEN-SCRIPT-VALUE", FeedbackWriter.ToHtml(grade), StringComparison.Ordinal);
        Assert.DoesNotContain("HIDDEN-SCRIPT-VALUE", FeedbackWriter.ToMarkdown(grade), StringComparison.Ordinal);
        Assert.Contains("HIDDEN-SCRIPT-VALUE", FeedbackWriter.ToHtml(grade, showHidden: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_feedback_lists_the_last_exchanges_escaped()
    {
        await using var app = App();
        var report = await RunAsync(app);

        var md = FeedbackWriter.ToMarkdown(new StudentGrade("alice", [report]));

        Assert.Contains("Last exchanges", md, StringComparison.Ordinal);
        Assert.Contains("app → checker  ping (0 B, FIN)", md, StringComparison.Ordinal);
        Assert.Contains("close 1009", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain(md, c => c != '\n' && char.IsControl(c));
    }
}
