using System.Globalization;
using System.Text;
using Workshop.Grading.Submissions;

namespace Workshop.Grading.Reports;

/// <summary>Writes the gradebook CSV: <c>student,lab,task,points,max</c>, one row per task (hidden tasks as <c>hidden:&lt;task&gt;</c>).</summary>
public static class GradebookWriter
{
    /// <summary>The CSV text (RFC 4180 quoting, so it imports into a learning platform or a spreadsheet).</summary>
    public static string ToCsv(IEnumerable<StudentGrade> grades)
    {
        var csv = new StringBuilder("student,lab,task,points,max\n");
        foreach (var grade in grades)
        {
            foreach (var score in grade.Reports.SelectMany(r => r.Scores()))
            {
                var task = score.Hidden ? "hidden:" + score.Task : score.Task;
                csv.Append(CultureInfo.InvariantCulture, $"{Quote(grade.Student)},{Quote(score.Lab)},{Quote(task)},{score.Points},{score.Max}\n");
            }
        }
        return csv.ToString();
    }

    // A folder name is the student's choice: it is cleaned and a formula is neutralised (ReportText.CsvCell).
    private static string Quote(string value) => ReportText.CsvCell(value);
}
