using Xunit.Sdk;

namespace Workshop.Faults.Tests;

/// <summary>
/// Prints a test's figures to its own output and as an xunit diagnostic message: the console logger shows
/// diagnostic messages at normal verbosity, so the figures of passing tests appear in the CI log too.
/// </summary>
public sealed class FigureLog(IMessageSink sink)
{
    /// <summary>Writes <paramref name="line"/> to both places, prefixed with the test's short name.</summary>
    public void Write(ITestOutputHelper output, string test, string line)
    {
        output.WriteLine(line);
        sink.OnMessage(new DiagnosticMessage($"[fault figures] {test}: {line}"));
    }
}
