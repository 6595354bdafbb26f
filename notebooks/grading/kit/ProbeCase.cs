using System;
using System.Threading;
using System.Threading.Tasks;

// One input a probe gives the learner's function: a label that names it the way the check cell would, and the call,
// which returns the result as text (ProbeText). The grader compares that text with the worked answer's, case by case.
internal sealed record ProbeCase(string Label, Func<CancellationToken, Task<string>> Run)
{
    public static ProbeCase Of(string label, Func<string> run) => new(label, _ => Task.FromResult(run()));

    public static ProbeCase Of(string label, Func<CancellationToken, Task<string>> run) => new(label, run);
}
