using System.Globalization;
using System.Xml.Linq;
using Workshop.Grading.Submissions;

namespace Workshop.Grading.Reports;

/// <summary>One JUnit XML file for a whole grading run: a testsuite per student and lab, a testcase per check.</summary>
public static class JUnitWriter
{
    /// <summary>The JUnit XML document.</summary>
    public static XDocument ToXml(IEnumerable<StudentGrade> grades)
    {
        var suites = new XElement("testsuites");
        foreach (var grade in grades)
        {
            foreach (var report in grade.Reports)
            {
                var suite = new XElement("testsuite",
                    new XAttribute("name", $"{grade.Student}.lab{report.Lab.Id}"),
                    new XAttribute("tests", report.Results.Count),
                    new XAttribute("failures", report.Results.Count(r => !r.Passed)),
                    new XAttribute("time", report.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
                foreach (var r in report.Results)
                {
                    var testcase = new XElement("testcase",
                        new XAttribute("classname", $"{grade.Student}.lab{r.Lab}.{(r.Hidden ? "hidden:" : "")}{r.Task}"),
                        new XAttribute("name", r.Check),
                        new XAttribute("time", r.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
                    if (!r.Passed) testcase.Add(new XElement("failure", new XAttribute("message", $"expected {r.Expected}"), r.Observed));
                    suite.Add(testcase);
                }
                suites.Add(suite);
            }
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }
}
