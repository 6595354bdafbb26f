using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Workshop.Notebooks.Tests;

/// <summary>Writes a notebook back as .ipynb: the Documents package adds the Polyglot kernel metadata VS Code reads.</summary>
public static class NotebookFile
{
    /// <summary>The Jupyter JSON of <paramref name="document"/> with "\n" line ends and a final newline.</summary>
    public static string ToJson(InteractiveDocument document)
        => Notebook.ToJupyterJson(document, "C#").ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
