using Workshop.Grading.Checks;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

public sealed class TaskMemoryTests
{
    [Fact]
    public void A_cause_is_recalled_by_its_own_task_in_its_own_run_only()
    {
        using var run = new HttpClient();
        using var otherRun = new HttpClient();
        TaskMemory.Of(run).Remember("hello", "GET /events headers", "GET /events sent no response headers within 3 s");

        Assert.Equal("GET /events sent no response headers within 3 s", TaskMemory.Of(run).Recall("hello", "GET /events headers"));
        // Another task is graded on its own: it must try for itself.
        Assert.Null(TaskMemory.Of(run).Recall("feed", "GET /events headers"));
        Assert.Null(TaskMemory.Of(run).Recall("hello", "something else"));
        // Another run (another target, another student) starts with nothing.
        Assert.Null(TaskMemory.Of(otherRun).Recall("hello", "GET /events headers"));
    }

    [Fact]
    public void The_first_cause_remembered_for_a_task_stays()
    {
        using var run = new HttpClient();
        TaskMemory.Of(run).Remember("headers", "GET /events headers", "first");
        TaskMemory.Of(run).Remember("headers", "GET /events headers", "second");
        Assert.Equal("first", TaskMemory.Of(run).Recall("headers", "GET /events headers"));
    }
}
