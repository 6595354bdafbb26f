using System.Xml.Linq;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Reports;
using Workshop.Grading.Running;
using Workshop.Grading.Submissions;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>Every report writer, fed the nastiest strings a submission can produce, writes well-formed and inert output.</summary>
public sealed class ReportWritersTests
{
    private const string Nasty = "=HYPERLINK(\"http://evil.example\",\"x\") \0 NUL \u001b[31m ESC \u0007 \ud800 lone \udfff \uFFFE \uFFFF ]]> <script>alert(1)</script> \r\n+CRLF \u202E bidi & \"q\" 'a' [link](javascript:x) `code` \u0085";

    private static StudentGrade Grade(string student, string? error = Nasty)
    {
        var lab = new LabInfo("01", "01-x", Nasty, [new LabTask("t", Nasty, 2, new TaskHints(Nasty, Nasty, Nasty, []))], [Nasty]);
        var results = new List<CheckResult>
        {
            new("01", "t", Nasty, 2, false, Nasty, Nasty + new string('x', 200_000) + Nasty, Nasty, false, TimeSpan.FromSeconds(1)),
            new("01", "secret-task", "hidden probe", 1, false, "HIDDEN-EXPECTED-VALUE", "HIDDEN-OBSERVED-VALUE", null, true, TimeSpan.Zero),
        };
        return new StudentGrade(student, [new LabReport(lab, Nasty, results, error, TimeSpan.Zero) { Notes = [Nasty] }]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+cmd")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTAB")]
    [InlineData("\rCR")]
    public void Gradebook_neutralises_a_cell_that_a_spreadsheet_would_run_as_a_formula(string student)
    {
        var row = GradebookWriter.ToCsv([Grade(student)]).Split('\n')[1];

        Assert.True(row.StartsWith('\'') || row.StartsWith("\"'", StringComparison.Ordinal), row);
    }

    [Fact]
    public void Gradebook_keeps_one_line_per_row_and_no_control_characters()
    {
        var csv = GradebookWriter.ToCsv([Grade(Nasty)]);

        Assert.Equal(4, csv.Split('\n').Length); // header, the visible task, the hidden task, the final newline
        Assert.All(csv.Where(c => c != '\n'), c => Assert.False(char.IsControl(c) || char.IsSurrogate(c), $"U+{(int)c:X4} in the CSV"));
    }

    [Fact]
    public void JUnit_is_well_formed_and_carries_no_hidden_expectation()
    {
        var text = JUnitWriter.ToXml([Grade(Nasty)]).ToString();

        var xml = XDocument.Parse(text);
        Assert.Equal(2, xml.Descendants("testcase").Count());
        Assert.DoesNotContain("HIDDEN-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.True(text.Length < 100_000, $"JUnit output is {text.Length} characters: the observed output was not bounded");
    }

    [Fact]
    public void JUnit_shows_hidden_checks_only_when_asked()
    {
        Assert.Contains("HIDDEN-EXPECTED-VALUE", JUnitWriter.ToXml([Grade(Nasty)], showHidden: true).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_feedback_is_well_formed_xhtml_with_every_outside_value_encoded()
    {
        var html = FeedbackWriter.ToHtml(Grade(Nasty, error: null));

        var xml = XDocument.Parse(html);
        XDocument.Parse(FeedbackWriter.ToHtml(Grade(Nasty)));
        Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName is "script" or "a" or "iframe");
        Assert.DoesNotContain("HIDDEN-", html, StringComparison.Ordinal);
        Assert.All(html.Where(c => c != '\n'), c => Assert.False(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\u202E', $"U+{(int)c:X4} in the HTML"));
    }

    [Fact]
    public void Markdown_feedback_escapes_markup_and_control_characters()
    {
        var md = FeedbackWriter.ToMarkdown(Grade(Nasty)) + FeedbackWriter.ToMarkdown(Grade(Nasty, error: null));

        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("\\[link\\](javascript:x)", md, StringComparison.Ordinal); // no link: the brackets are escaped
        Assert.DoesNotContain("HIDDEN-", md, StringComparison.Ordinal);
        Assert.Contains("\\\\x1B", md, StringComparison.Ordinal);
        Assert.All(md.Where(c => c != '\n'), c => Assert.False(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\u202E', $"U+{(int)c:X4} in the Markdown"));
    }

    [Fact]
    public void Hidden_checks_appear_in_feedback_only_with_show_hidden()
    {
        Assert.Contains("HIDDEN-EXPECTED-VALUE", FeedbackWriter.ToMarkdown(Grade("s", error: null), showHidden: true), StringComparison.Ordinal);
        Assert.DoesNotContain("hidden probe", FeedbackWriter.ToHtml(Grade("s", error: null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_text_keeps_the_tail_of_output_too_long_to_show()
    {
        var text = ReportText.Clean(new string('a', 100_000) + "THE-END");

        Assert.EndsWith("THE-END", text, StringComparison.Ordinal);
        Assert.True(text.Length <= ReportText.MaxChars + 64);
    }
}
