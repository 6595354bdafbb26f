using System.Diagnostics;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Workshop.Testing;

namespace Workshop.Notebooks.Tests;

/// <summary>
/// Runs a Polyglot notebook in this process with the pinned .NET Interactive C# kernel, cell by cell, the way
/// VS Code's "Run All" does: a compile error, an exception, an error display or anything on stderr fails the run
/// and names the cell. Servers or clients a notebook leaves behind are stopped and disposed afterwards.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Set to 1 to store the outputs of a successful run back into the .ipynb (the site renders them).</summary>
    public const string WriteOutputsVariable = "WORKSHOP_NOTEBOOKS_WRITE_OUTPUTS";

    /// <summary>Per-cell deadline: generous for a loaded 2-core machine; a notebook cell is meant to take a second.</summary>
    public static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Runs <paramref name="fileName"/> from the repository's <c>notebooks/</c> folder.</summary>
    /// <param name="fileName">E.g. <c>01-websockets.ipynb</c>.</param>
    /// <param name="answers">
    /// Null to run the notebook as shipped; otherwise a folder under <c>notebooks/</c> (<c>answers</c>, <c>answers/wrong</c>)
    /// whose <c>ID.cs</c> replaces each exercise cell.
    /// </param>
    public static Task<NotebookRun> RunAsync(string fileName, string? answers = null)
        => RunFileAsync(Path.Combine(RepoPaths.Root, "notebooks", fileName), CellTimeout, answers);

    /// <summary>Runs the notebook at <paramref name="path"/> with its folder as working directory.</summary>
    public static async Task<NotebookRun> RunFileAsync(string path, TimeSpan cellTimeout, string? answers = null)
    {
        var fileName = Path.GetFileName(path);
        var document = NotebookFile.Parse(await File.ReadAllTextAsync(path));
        if (answers is not null) Exercises.SubstituteAnswers(document, Path.Combine(Path.GetDirectoryName(path)!, answers));
        var total = Stopwatch.StartNew();
        var previousDirectory = Directory.GetCurrentDirectory();
        // Relative #load/#r paths resolve against the working directory; VS Code runs the kernel in the notebook's folder.
        Directory.SetCurrentDirectory(Path.GetDirectoryName(path)!);
        // setup.csx references the library built in the same configuration as these tests (see docs/notebooks.md).
        Environment.SetEnvironmentVariable("WORKSHOP_CONFIGURATION", RepoPaths.Configuration);
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        var results = new List<CellResult>();
        try
        {
            var executionCount = 0;
            for (var index = 0; index < document.Elements.Count; index++)
            {
                var element = document.Elements[index];
                if (element.KernelName is "markdown" or "md") continue;
                Assert.True(element.KernelName is "csharp" or "C#" or "c#",
                    $"{fileName}: cell {index} uses kernel '{element.KernelName}'; the workshop's notebooks are C# only.");
                results.Add(await RunCellAsync(fileName, csharp.Name, kernel, element, index, ++executionCount, cellTimeout));
            }
        }
        finally
        {
            await DisposeLeftoversAsync(csharp);
            kernel.Dispose();
            Directory.SetCurrentDirectory(previousDirectory);
        }

        // A run with the answers filled in must never end up in the learner's notebook.
        if (answers is null && Environment.GetEnvironmentVariable(WriteOutputsVariable) == "1")
        {
            await File.WriteAllTextAsync(path, NotebookFile.ToJson(document));
        }
        return new NotebookRun(fileName, results, total.Elapsed);
    }

    private static async Task<CellResult> RunCellAsync(
        string fileName, string kernelName, Kernel kernel, InteractiveDocumentElement element, int index, int executionCount,
        TimeSpan cellTimeout)
    {
        var firstLine = element.Contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        var name = $"{fileName}: cell {index} ({firstLine})";
        var watch = Stopwatch.StartNew();
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(element.Contents, kernelName)).WaitAsync(cellTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{name} did not finish within {cellTimeout.TotalSeconds:0.#} s.");
        }

        var text = new StringBuilder();
        var problems = new List<string>();
        element.Outputs.Clear();
        element.ExecutionOrder = executionCount;
        foreach (var kernelEvent in result.Events)
        {
            switch (kernelEvent)
            {
                case CommandFailed failed:
                    // A compile error's message is the diagnostics; a runtime failure needs its stack trace.
                    problems.Add(failed.Exception is null or CodeSubmissionCompilationErrorException ? failed.Message : failed.Exception.ToString());
                    break;
                case ErrorProduced error:
                    problems.Add(error.Message);
                    break;
                case StandardErrorValueProduced stderr:
                    problems.Add("stderr: " + PlainText(stderr));
                    break;
                case StandardOutputValueProduced stdout:
                    text.Append(PlainText(stdout));
                    // Consecutive writes become one stream output, as Jupyter front ends store them.
                    var previous = element.Outputs.Count > 0 ? element.Outputs[^1] as TextElement : null;
                    if (previous is { Name: "stdout" }) element.Outputs[^1] = new TextElement(previous.Text + PlainText(stdout), "stdout");
                    else element.Outputs.Add(new TextElement(PlainText(stdout), "stdout"));
                    break;
                case ReturnValueProduced returned:
                    text.AppendLine(PlainText(returned));
                    var value = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var formatted in returned.FormattedValues) value.Data[formatted.MimeType] = formatted.Value;
                    element.Outputs.Add(value);
                    break;
                case DisplayEvent display:
                    text.AppendLine(PlainText(display));
                    element.Outputs.Add(new DisplayElement(
                        display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value)));
                    break;
            }
        }
        Assert.True(problems.Count == 0,
            $"{name} failed:\n{string.Join("\n", problems)}\n--- output before the failure ---\n{text}");
        return new CellResult(index, firstLine, text.ToString(), watch.Elapsed, Exercises.Tags(element));
    }

    private static string PlainText(DisplayEvent display)
        => display.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
           ?? display.FormattedValues.FirstOrDefault()?.Value
           ?? display.Value?.ToString()
           ?? "";

    /// <summary>A notebook that forgot to stop its server would leave Kestrel listening inside the test host.</summary>
    private static async Task DisposeLeftoversAsync(CSharpKernel csharp)
    {
        var values = csharp.ScriptState?.Variables.Select(v => v.Value).Where(v => v is not null).Distinct().ToList() ?? [];
        foreach (var host in values.OfType<Microsoft.Extensions.Hosting.IHost>())
        {
            try
            {
                using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await host.StopAsync(stopping.Token);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                // Already stopped by the notebook, or slow to stop: disposal below still releases the port.
            }
        }
        foreach (var value in values)
        {
            try
            {
                if (value is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
                else if (value is IDisposable disposable) disposable.Dispose();
            }
            catch (ObjectDisposedException)
            {
                // Disposed twice is fine.
            }
        }
    }
}
