using Workshop.Grading.Running;

namespace Workshop.Grading.Submissions;

/// <summary>Every lab report of one student (one folder of the submissions).</summary>
public sealed record StudentGrade(string Student, IReadOnlyList<LabReport> Reports)
{
    /// <summary>Points earned over all labs, hidden tasks included.</summary>
    public int Points => Reports.SelectMany(r => r.Scores()).Sum(s => s.Points);

    /// <summary>Points available over all labs, hidden tasks included.</summary>
    public int Max => Reports.SelectMany(r => r.Scores()).Sum(s => s.Max);
}
