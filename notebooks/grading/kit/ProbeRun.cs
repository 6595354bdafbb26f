using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

// One exercise's run: makes its cases from a seed the grader chose, calls the learner's function on each with a
// deadline, and writes one result per case. Exceptions are results too: NotImplementedException is "not done yet".
internal sealed class ProbeRun(string id, int seed, TimeSpan caseTimeout, ProbeResultWriter writer)
{
    public string Id => id;

    public async Task CasesAsync(Func<Random, IEnumerable<ProbeCase>> make)
    {
        // Made before any of the learner's code is called, from a seed of its own per exercise.
        var cases = make(new Random(seed ^ StableHash(id))).ToList();
        for (var index = 0; index < cases.Count; index++)
        {
            var (kind, value) = await RunOneAsync(cases[index]);
            writer.Case(id, index, kind, cases[index].Label, value);
            // A hung case keeps its thread: the next cases would only compete with it for the CPU.
            if (kind == "timeout") return;
        }
    }

    private async Task<(string Kind, string Value)> RunOneAsync(ProbeCase probeCase)
    {
        using var deadline = new CancellationTokenSource(caseTimeout);
        try
        {
            var value = await Task.Run(() => probeCase.Run(deadline.Token)).WaitAsync(caseTimeout + TimeSpan.FromSeconds(1));
            return ("ok", value);
        }
        catch (Exception e) when (Unwrap(e) is NotImplementedException)
        {
            return ("notdone", "");
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && deadline.IsCancellationRequested))
        {
            return ("timeout", $"it did not finish within {caseTimeout.TotalSeconds:0} s (does it wait for something that never comes?)");
        }
        catch (Exception e)
        {
            var inner = Unwrap(e);
            return ("threw", $"your code threw {inner.GetType().Name}: {inner.Message}");
        }
    }

    internal static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var ch in text) hash = unchecked(hash * 31 + ch);
        return hash;
    }
}
