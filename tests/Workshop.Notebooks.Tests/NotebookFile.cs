using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Workshop.Notebooks.Tests;

/// <summary>Reads and writes the workshop's .ipynb files (C# code cells and markdown, Polyglot metadata).</summary>
public static class NotebookFile
{
    /// <summary>The kernels a workshop notebook may name: C# (the default) and markdown.</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        infos.DefaultKernelName = "csharp";
        return infos;
    }

    /// <summary>Parses .ipynb JSON.</summary>
    public static InteractiveDocument Parse(string json) => Notebook.Parse(json, KernelInfos());

    /// <summary>
    /// The Jupyter JSON of <paramref name="document"/> with "\n" line ends and a final newline. The Documents package
    /// writes the kernelspec and Polyglot metadata VS Code reads from the kernel list, which parsing left as plain JSON.
    /// </summary>
    public static string ToJson(InteractiveDocument document)
    {
        document.Metadata.Clear();
        document.Metadata["kernelInfo"] = KernelInfos();
        return Notebook.ToJupyterJson(document, "C#").ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }
}
