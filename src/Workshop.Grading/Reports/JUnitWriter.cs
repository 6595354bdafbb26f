using System.Globalization;
using System.Xml.Linq;
using Workshop.Grading.Submissions;

namespace Workshop.Grading.Reports;

/// <summary>
/// One JUnit XML file for a whole grading run: a testsuite per student and lab, a testcase per check. Every value
/// from a submission is cleaned (<see cref="ReportText"/>) so the document always saves and parses; a hidden
/// check's name, expectation and observation stay out unless <c>showHidden</c> (its pass/fail is kept).
/// </summary>
public static class JUnitWriter
{
    private const int MaxObserved = 8 * 1024;

    /// <summary>The JUnit XML document.</summary>
    public static XDocument ToXml(IEnumerable<StudentGrade> grades, bool showHidden = false)
    {
        var suites = new XElement("testsuites");
        foreach (var grade in grades)
        {
            var student = ReportText.Clean(grade.Student, keepNewlines: false);
            foreach (var report in grade.Reports)
            {
                var suite = new XElement("testsuite",
                    new XAttribute("name", $"{student}.{Suite(report.Lab)}"),
                    new XAttribute("tests", report.Results.Count),
                    new XAttribute("failures", report.Results.Count(r => !r.Passed)),
                    new XAttribute("time", Seconds(report.Duration)));
                var hiddenNumber = 0;
                foreach (var r in report.Results)
                {
                    var shown = showHidden || !r.Hidden;
                    var name = shown ? ReportText.Clean(r.Check, keepNewlines: false) : $"hidden check {++hiddenNumber}";
                    var task = shown ? ReportText.Clean(r.Task, keepNewlines: false) : "task";
                    var testcase = new XElement("testcase",
                        new XAttribute("classname", $"{student}.{Suite(report.Lab)}.{(r.Hidden ? "hidden:" : "")}{task}"),
                        new XAttribute("name", name),
                        new XAttribute("time", Seconds(r.Duration)));
                    if (!r.Passed)
                    {
                        testcase.Add(shown
                            ? new XElement("failure", new XAttribute("message", "expected " + ReportText.Clean(r.Expected, keepNewlines: false)), ReportText.Clean(r.Observed, maxChars: MaxObserved))
                            : new XElement("failure", new XAttribute("message", "a hidden check failed")));
                    }
                    suite.Add(testcase);
                }
                if (report.Notes.Count > 0) suite.Add(new XElement("system-out", ReportText.Clean(string.Join('\n', report.Notes))));
                suites.Add(suite);
            }
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    // "lab01" for a lab, "nb01" for a notebook's exercises (its id already says which).
    private static string Suite(Manifest.LabInfo lab) => lab.Notebook ? lab.Id : "lab" + lab.Id;

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
