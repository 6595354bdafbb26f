using Microsoft.DotNet.Interactive.Documents;

namespace Workshop.Notebooks.Tests;

/// <summary>
/// Small throwaway notebooks for testing the runner itself. They live under the test's output folder, which is
/// inside the repository, so <c>setup.csx</c> (loaded by absolute path) still finds <c>Workshop.sln</c> above them.
/// </summary>
public sealed class FixtureNotebook : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(AppContext.BaseDirectory, "runner-fixtures", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a notebook whose C# cells are <paramref name="cells"/>, in order.</summary>
    public FixtureNotebook(params string[] cells)
    {
        Directory.CreateDirectory(_folder);
        var document = new InteractiveDocument(cells.Select(c => new InteractiveDocumentElement(c, "csharp")).ToList());
        Path = System.IO.Path.Combine(_folder, "fixture.ipynb");
        File.WriteAllText(Path, NotebookFile.ToJson(document));
    }

    /// <summary>The cell that loads the real set-up script.</summary>
    public static string SetupCell => $"#load \"{System.IO.Path.Combine(Workshop.Testing.RepoPaths.Root, "notebooks", "setup.csx")}\"";

    /// <summary>The notebook's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
