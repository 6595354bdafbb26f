using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// Compares a student's probe results with the worked answer's, in the grader's process: the verdict is decided here,
/// never read from anything the student's program printed. Cases are compared in order, as the check cell asserts
/// them: the first that differs decides (NotImplementedException: not done yet; anything else: wrong, naming the
/// case by the worked answer's label). A run with two results for one case, results for cases that do not exist, or
/// an exercise that ended twice was tampered with, and is wrong.
/// </summary>
public static partial class ProbeVerdict
{
    /// <summary>The verdict of one exercise; <paramref name="runProblem"/> says why the run ended early, if it did.</summary>
    public static ExerciseVerdict Compare(ProbeResults.Exercise trusted, ProbeResults.Exercise? student, string? runProblem)
    {
        if (student is null || student.Ends == 0)
        {
            return ExerciseVerdict.Wrong("the program stopped before this exercise finished" + (runProblem is null ? "" : $" ({runProblem})") +
                " (does the cell end the process, or exhaust its memory?)");
        }
        if (student.Ends > 1 || student.Cases.Any(c => c.Value.Count > 1) || student.Cases.Keys.Any(i => i < 0 || i >= trusted.Cases.Count))
        {
            return ExerciseVerdict.Wrong("the probe's results were tampered with (two results for one case, or results for cases the probe never ran): did the cell write to the grader's results file?");
        }
        if (student.Failed is { } failed)
        {
            return failed.Kind == "notdone"
                ? ExerciseVerdict.NotDone("the exercise cell still throws NotImplementedException")
                : ExerciseVerdict.Wrong(failed.Message);
        }
        for (var index = 0; index < trusted.Cases.Count; index++)
        {
            var expected = trusted.Cases[index][0];
            if (!student.Cases.TryGetValue(index, out var lines))
            {
                return ExerciseVerdict.Wrong($"{expected.Label}: no result (did the cell return before the grader could call its function?)");
            }
            var actual = lines[0];
            switch (actual.Kind)
            {
                case "notdone":
                    return ExerciseVerdict.NotDone($"the exercise cell still throws NotImplementedException ({expected.Label})");
                case "ok" when Matches(expected.Value, actual.Value):
                    continue;
                case "ok":
                    return ExerciseVerdict.Wrong($"{expected.Label}: expected {expected.Value}, got {actual.Value}");
                default:
                    return ExerciseVerdict.Wrong($"{expected.Label}: {actual.Value}");
            }
        }
        return ExerciseVerdict.Passed;
    }

    /// <summary>
    /// True when a result equals the expected one: the same text, except that a number written as
    /// <c>≈value±tolerance</c> in the expected result matches any number within that tolerance (the expected side's).
    /// </summary>
    public static bool Matches(string expected, string actual)
    {
        if (expected == actual) return true;
        var numbers = Near().Matches(expected);
        if (numbers.Count == 0) return false;
        var pattern = new StringBuilder("^");
        var at = 0;
        foreach (Match number in numbers)
        {
            pattern.Append(Regex.Escape(expected[at..number.Index])).Append("≈([^±]*)±[0-9.Ee+-]*");
            at = number.Index + number.Length;
        }
        pattern.Append(Regex.Escape(expected[at..])).Append('$');
        var match = Regex.Match(actual, pattern.ToString(), RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success) return false;
        for (var i = 0; i < numbers.Count; i++)
        {
            if (!Close(numbers[i].Groups["value"].Value, numbers[i].Groups["tolerance"].Value, match.Groups[i + 1].Value)) return false;
        }
        return true;
    }

    private static bool Close(string expected, string tolerance, string actual)
    {
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            || !double.TryParse(tolerance, NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
            || !double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)) return false;
        if (double.IsNaN(e) || double.IsInfinity(e)) return e.Equals(a);
        return Math.Abs(e - a) < t;
    }

    [GeneratedRegex("≈(?<value>[^±]*)±(?<tolerance>[0-9.Ee+-]+)")]
    private static partial Regex Near();
}
