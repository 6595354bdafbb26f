using System.Net.Sockets;

namespace Workshop.Notebooks.Tests;

/// <summary>The runner fails loudly and precisely, and cleans up after a careless notebook.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Runner_names_the_cell_that_does_not_compile()
    {
        using var notebook = new FixtureNotebook("var fine = 1;", "// second cell\nvar broken = ;");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => NotebookRunner.RunFileAsync(notebook.Path, Timeout));

        Assert.Contains("cell 1 (// second cell)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CS1525", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_names_the_cell_that_throws_and_keeps_its_earlier_output()
    {
        using var notebook = new FixtureNotebook("// throws\nConsole.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => NotebookRunner.RunFileAsync(notebook.Path, Timeout));

        Assert.Contains("cell 0 (// throws)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: boom", failure.Message, StringComparison.Ordinal);
        Assert.Contains("before", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_fails_a_cell_that_writes_to_stderr()
    {
        using var notebook = new FixtureNotebook("// complains\nConsole.Error.WriteLine(\"something is off\");");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => NotebookRunner.RunFileAsync(notebook.Path, Timeout));

        Assert.Contains("stderr: something is off", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_fails_a_cell_that_outlives_its_timeout()
    {
        using var notebook = new FixtureNotebook("// hangs\nawait Task.Delay(TimeSpan.FromSeconds(30));");

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => NotebookRunner.RunFileAsync(notebook.Path, TimeSpan.FromSeconds(1)));

        Assert.Contains("cell 0 (// hangs) did not finish within 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_stops_a_server_the_notebook_left_running()
    {
        using var notebook = new FixtureNotebook(
            FixtureNotebook.SetupCell,
            "using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Hosting;\nusing Microsoft.Extensions.Logging;",
            """
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var forgotten = builder.Build();
            await forgotten.StartAsync();
            Console.WriteLine(new Uri(forgotten.Urls.First()).Port);
            """);

        var run = await NotebookRunner.RunFileAsync(notebook.Path, Timeout);

        var port = int.Parse(run.Cells[^1].Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", port));
    }
}
