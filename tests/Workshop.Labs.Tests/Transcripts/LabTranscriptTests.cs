using System.Xml.Linq;
using Workshop.Grading.Reports;
using Workshop.Grading.Submissions;
using Workshop.Grading.Transcripts;
using Workshop.Labs.Tests.Labs;
using Workshop.Labs.Tests.Mutants;
using Xunit;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>Failed checks against real labs carry what went over the wire, by name, and it reaches the feedback.</summary>
[Collection(LabsCollection.Name)]
public sealed class LabTranscriptTests(LabSuiteFixture suite)
{
    [Fact, Trait("Lab", "03")]
    public async Task Lab_03_start_fails_the_ping_check_naming_the_frames_it_saw()
    {
        var report = await suite.ReportAsync("03", LabTarget.Start);

        var ping = report.Results.Single(r => r.Check == "pings an idle client");
        Assert.False(ping.Passed);
        Assert.Contains("frames seen: [text]", ping.Observed, StringComparison.Ordinal);
        var summaries = ping.Transcript!.Entries.Select(e => e.Summary).ToList();
        Assert.Contains("GET /ws/live (WebSocket upgrade)", summaries);
        Assert.Contains("101 Switching Protocols", summaries);
        Assert.Contains("text \"Welcome!\" (8 B, FIN)", summaries);
    }

    [Fact, Trait("Lab", "03")]
    public async Task Html_feedback_of_lab_03_start_draws_the_websocket_frames_of_a_failed_check()
    {
        var report = await suite.ReportAsync("03", LabTarget.Start);

        var page = XDocument.Parse(FeedbackWriter.ToHtml(new StudentGrade("learner", [report])));

        XNamespace svg = "http://www.w3.org/2000/svg";
        var diagrams = page.Descendants(svg + "svg").ToList();
        Assert.NotEmpty(diagrams);
        Assert.Contains(diagrams, d => d.Descendants(svg + "text").Any(t => t.Value == "text \"Welcome!\" (8 B, FIN)"));
        Assert.Contains(diagrams, d => d.Descendants(svg + "text").Any(t => t.Value == "browser")); // the page checks have a third lifeline
    }

    [Fact, Trait("Lab", "03"), Trait("Category", "Mutants")]
    public async Task A_page_without_backoff_fails_showing_the_reconnect_times_it_made()
    {
        var mutant = MutantCatalog.Load(suite.Manifest).Single(m => m.Lab == "03" && m.Name == "fixed-interval-reconnect");

        var report = await suite.MutantReportAsync(mutant);

        var backoff = report.Results.Single(r => r.Check == "page backs off: doubling, capped, jittered");
        Assert.False(backoff.Passed);
        Assert.Contains("1000, 1000, 1000, 1000", backoff.Observed, StringComparison.Ordinal);
        var reconnects = backoff.Transcript!.Entries.Where(e => e.Kind == TranscriptKind.Note && e.Summary.StartsWith("reconnect ", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, reconnects.Count);
        Assert.All(reconnects, r => Assert.Contains(": 1000 ms after the close", r.Summary, StringComparison.Ordinal));
        Assert.Contains(backoff.Transcript.Entries, e => e.Summary.StartsWith("POST /admin/drop", StringComparison.Ordinal));
    }
}
