namespace Workshop.Protocols.Exercises;

/// <summary>
/// The "Your turn" checks of the workshop's notebooks. A check runs real assertions against what the learner wrote in
/// the exercise cell above it and prints one verdict: <c>[passed]</c>, <c>[not done yet]</c> (the cell still throws
/// <see cref="NotImplementedException"/>) or <c>[wrong]</c> with what failed. Hints come in words first; only a wrong
/// answer is pointed at the worked answer in <c>notebooks/answers/</c>. A check never throws: a notebook with
/// unfinished exercises still runs to the end.
/// </summary>
public static class Exercise
{
    /// <summary>Where the worked answers live, relative to the repository root.</summary>
    public const string AnswersFolder = "notebooks/answers";

    /// <summary>How long an asynchronous check may take before a hanging answer counts as wrong.</summary>
    public static readonly TimeSpan AsyncTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="check"/> and prints the verdict for exercise <paramref name="id"/>.</summary>
    /// <param name="id">The exercise id, e.g. <c>02-format-event</c>; its answer is <c>notebooks/answers/{id}.cs</c>.</param>
    /// <param name="check">Assertions (<see cref="Expect"/>, <see cref="Equal{T}"/>) against the learner's code.</param>
    /// <param name="hints">From a nudge to the concept; the first is shown when not done yet, all when wrong.</param>
    /// <returns>The verdict that was printed.</returns>
    public static ExerciseVerdict Check(string id, Action check, params string[] hints)
    {
        ArgumentNullException.ThrowIfNull(check);
        return CheckAsync(id, _ => { check(); return Task.CompletedTask; }, hints).GetAwaiter().GetResult();
    }

    /// <summary>Runs an asynchronous <paramref name="check"/> with a deadline of <see cref="AsyncTimeout"/> and prints the verdict.</summary>
    /// <param name="id">The exercise id, e.g. <c>01-assemble-message</c>.</param>
    /// <param name="check">Assertions against the learner's code; the token is cancelled at the deadline.</param>
    /// <param name="hints">From a nudge to the concept; the first is shown when not done yet, all when wrong.</param>
    /// <returns>The verdict that was printed.</returns>
    public static async Task<ExerciseVerdict> CheckAsync(string id, Func<CancellationToken, Task> check, params string[] hints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(hints);
        using var deadline = new CancellationTokenSource(AsyncTimeout);
        string? problem;
        try
        {
            await check(deadline.Token).WaitAsync(AsyncTimeout + TimeSpan.FromSeconds(1));
            problem = null;
        }
        catch (NotImplementedException)
        {
            Console.WriteLine($"[not done yet] {id}: the exercise cell above still throws NotImplementedException. Complete it, run it, then run this cell again.");
            if (hints.Length > 0) Console.WriteLine($"  Hint: {hints[0]}");
            return ExerciseVerdict.NotDoneYet;
        }
        catch (ExerciseMismatchException mismatch)
        {
            problem = mismatch.Message;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            problem = $"it did not finish within {AsyncTimeout.TotalSeconds:0} s (does it wait for something that never comes?)";
        }
        catch (Exception e)
        {
            // Learners' code failing in its own way is a wrong answer to explain, not a broken notebook.
            problem = $"your code threw {e.GetType().Name}: {e.Message}";
        }

        if (problem is null)
        {
            Console.WriteLine($"[passed] {id}");
            return ExerciseVerdict.Passed;
        }
        Console.WriteLine($"[wrong] {id}: {problem}");
        foreach (var hint in hints) Console.WriteLine($"  Hint: {hint}");
        Console.WriteLine($"  Still stuck? A worked answer: {AnswersFolder}/{id}.cs");
        return ExerciseVerdict.Wrong;
    }

    /// <summary>Fails the check with <paramref name="problem"/> unless <paramref name="condition"/> holds.</summary>
    /// <exception cref="ExerciseMismatchException"><paramref name="condition"/> is false.</exception>
    public static void Expect(bool condition, string problem)
    {
        if (!condition) throw new ExerciseMismatchException(problem);
    }

    /// <summary>Fails the check unless <paramref name="actual"/> equals <paramref name="expected"/>, showing both.</summary>
    /// <exception cref="ExerciseMismatchException">The values differ.</exception>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ExerciseMismatchException($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    /// <summary>A value as a learner should see it: strings quoted with <c>\n</c> and <c>\r</c> made visible.</summary>
    public static string Show<T>(T value) => value switch
    {
        null => "null",
        string text => "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value.ToString() ?? "",
    };
}
