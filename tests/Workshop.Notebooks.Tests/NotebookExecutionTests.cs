using Xunit.Abstractions;

namespace Workshop.Notebooks.Tests;

/// <summary>Every notebook runs top to bottom in the pinned kernel, and its key cells show what the text promises.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Welcome_notebook_greets_a_websocket_client()
    {
        var run = await RunAsync("00-welcome.ipynb");

        Assert.Contains("Ready: ASP.NET Core", run.Cell("#load \"setup.csx\"").Output, StringComparison.Ordinal);
        var talk = run.Cell("// Talk to it").Output;
        Assert.Contains("Hello over plain HTTP", talk, StringComparison.Ordinal);
        Assert.Contains("Received: Welcome!", talk, StringComparison.Ordinal);
        Assert.Contains("NormalClosure", talk, StringComparison.Ordinal);
    }

    private async Task<NotebookRun> RunAsync(string fileName)
    {
        var run = await NotebookRunner.RunAsync(fileName);
        output.WriteLine($"{fileName}: {run.Elapsed.TotalSeconds:0.0} s in total");
        foreach (var cell in run.Cells) output.WriteLine($"  {cell.Elapsed.TotalSeconds,5:0.00} s  {cell}");
        NotebookTimings.Record(fileName, run.Elapsed);
        return run;
    }
}
