using System.Text.Json.Nodes;
using Workshop.Grading.Running;

namespace Workshop.Labs.Tests.Mutants;

/// <summary>
/// A mutant that changes only the page (files under <c>wwwroot/</c>) needs no build of its own: the solution's build
/// output is copied and its static web assets manifest pointed at the mutant's <c>wwwroot/</c>. A lab runs in
/// Development, where static files are served from the folders that manifest names, so the mutated page is what the
/// browser gets. Saves one <c>dotnet build</c> (10–15 s) per page-only mutant.
/// </summary>
public static class PageOnlyBuild
{
    /// <summary>True when every file the patch touches is under <c>wwwroot/</c>.</summary>
    public static bool Applies(Mutant mutant) =>
        File.ReadLines(mutant.PatchPath).Where(l => l.StartsWith("diff --git ", StringComparison.Ordinal))
            .All(l => l.Split(' ') is [_, _, var a, var b] && a.StartsWith("a/wwwroot/", StringComparison.Ordinal) && b.StartsWith("b/wwwroot/", StringComparison.Ordinal));

    /// <summary>Copies <paramref name="solutionBuild"/>'s output to <paramref name="outputDirectory"/>, serving the page from <paramref name="mutantProject"/>.</summary>
    public static LabBuild From(LabBuild solutionBuild, string solutionProject, string mutantProject, string outputDirectory)
    {
        if (!solutionBuild.Succeeded) return solutionBuild;
        var source = Path.GetDirectoryName(solutionBuild.AssemblyPath)!;
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
        Directory.CreateDirectory(outputDirectory);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(outputDirectory, Path.GetFileName(file)));
        var manifests = Directory.GetFiles(outputDirectory, "*.staticwebassets.runtime.json");
        if (manifests.Length != 1) throw new InvalidOperationException($"expected one static web assets manifest in {source}, found {manifests.Length}");
        var manifest = JsonNode.Parse(File.ReadAllText(manifests[0]))!;
        var roots = manifest["ContentRoots"]!.AsArray();
        var from = Path.Combine(Path.GetFullPath(solutionProject), "wwwroot") + Path.DirectorySeparatorChar;
        var replaced = 0;
        for (var i = 0; i < roots.Count; i++)
        {
            if (roots[i]!.GetValue<string>() != from) continue;
            roots[i] = Path.Combine(Path.GetFullPath(mutantProject), "wwwroot") + Path.DirectorySeparatorChar;
            replaced++;
        }
        if (replaced != 1) throw new InvalidOperationException($"the manifest {manifests[0]} does not name {from} once");
        File.WriteAllText(manifests[0], manifest.ToJsonString());
        return new LabBuild(mutantProject, Path.Combine(outputDirectory, Path.GetFileName(solutionBuild.AssemblyPath!)), null, TimeSpan.Zero);
    }
}
