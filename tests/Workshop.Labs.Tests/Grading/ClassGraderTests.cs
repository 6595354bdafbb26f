using Workshop.Grading.Manifest;
using Workshop.Grading.Running;
using Workshop.Grading.Submissions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>The class grader's pool, without builds: students whose lab is missing are graded at once.</summary>
public sealed class ClassGraderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-class-grader-").FullName;

    [Fact]
    public async Task Grades_come_back_in_folder_order_whatever_order_the_workers_finish_in()
    {
        var names = Enumerable.Range(1, 7).Select(i => $"student-{8 - i}").ToList();
        foreach (var name in names) Directory.CreateDirectory(Path.Combine(_root, "class", name, "labs"));
        var students = SubmissionGrader.StudentFolders(Path.Combine(_root, "class"));
        var inside = 0;
        var overlapped = false;
        var graded = new List<string>();
        var grader = new ClassGrader(RepoPaths.Manifest, new LabRunnerOptions())
        {
            Jobs = 3,
            WarmBrowser = false,
            Status = _ =>
            {
                if (Interlocked.Increment(ref inside) > 1) overlapped = true;
                Thread.SpinWait(10_000); // long enough for another worker's step to arrive meanwhile, were calls not serialised
                Interlocked.Decrement(ref inside);
            },
            Graded = grade => graded.Add(grade.Student),
        };

        var grades = await grader.GradeAsync(students, Path.Combine(_root, "scratch"), ["01"]);

        Assert.Equal(names.Order(StringComparer.Ordinal), grades.Select(g => g.Student));
        Assert.All(grades, g => Assert.Equal(0, g.Points));
        Assert.Equal(names.Order(StringComparer.Ordinal), graded.Order(StringComparer.Ordinal));
        Assert.False(overlapped, "two status calls ran at once");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
