using Workshop.Cli.Notebooks;

namespace Workshop.Notebooks.Tests;

/// <summary>The exporter turns cells into one file-based app, and refuses what such an app cannot run.</summary>
public sealed class TwinExporterTests
{
    private static string Notebook(params (string Kind, string Source)[] cells)
        => System.Text.Json.JsonSerializer.Serialize(new
        {
            cells = cells.Select(c => new { cell_type = c.Kind, source = SourceLines(c.Source) }),
        });

    // Jupyter stores a cell's source as lines that keep their "\n", the last one without.
    private static string[] SourceLines(string source)
    {
        var lines = source.Split('\n');
        return lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line).ToArray();
    }

    [Fact]
    public void Exporter_replaces_the_setup_cell_hoists_usings_and_keeps_markdown_as_comments()
    {
        var twin = NotebookTwinExporter.Export(Notebook(
            ("markdown", "# Title\n\nSome *text*"),
            ("code", "#load \"setup.csx\""),
            ("code", "using System.Text;\nvar a = 1;"),
            ("code", "using System.Net.Http;\nusing System.Text;\nConsole.WriteLine(a);")), "99-sample.ipynb");

        Assert.StartsWith("// Generated from 99-sample.ipynb", twin, StringComparison.Ordinal);
        Assert.Contains("#:sdk Microsoft.NET.Sdk.Web\n#:project ../src/Workshop.Protocols/Workshop.Protocols.csproj\n", twin, StringComparison.Ordinal);
        Assert.Contains("\nusing System.Text;\nusing System.Net.Http;\n\n// # Title\n//\n// Some *text*\n", twin, StringComparison.Ordinal);
        Assert.Contains("var a = 1;\n\nConsole.WriteLine(a);\n", twin, StringComparison.Ordinal);
        Assert.DoesNotContain("#load", twin.Split('\n').Where(l => !l.StartsWith("//", StringComparison.Ordinal)), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("#r \"nuget: Humanizer\"")]
    [InlineData("#!fsharp")]
    [InlineData("#load \"other.csx\"")]
    public void Exporter_refuses_notebook_magic_a_file_based_app_cannot_run(string magic)
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            NotebookTwinExporter.Export(Notebook(("code", "var a = 1;"), ("code", magic)), "99-sample.ipynb"));

        Assert.Contains("cell 1", failure.Message, StringComparison.Ordinal);
    }
}
