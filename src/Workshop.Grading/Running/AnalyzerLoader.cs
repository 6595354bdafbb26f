using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Workshop.Grading.Running;

/// <summary>
/// Loads the instructor's source generators (the SDK's, from the captured command line) once per process, into one
/// load context shared by every lab: a generator's dependencies come from its own folder, and Roslyn itself from the
/// grader's, so the generators see the same <c>Microsoft.CodeAnalysis</c> types as the warm compiler.
/// </summary>
internal sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
{
    public static readonly AnalyzerLoader Shared = new();

    private readonly ConcurrentDictionary<string, string> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Assembly> _loaded = new(StringComparer.Ordinal);
    private readonly Context _context;

    private AnalyzerLoader() => _context = new Context(this);

    public void AddDependencyLocation(string fullPath) => _locations.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

    public Assembly LoadFromPath(string fullPath)
    {
        AddDependencyLocation(fullPath);
        return _loaded.GetOrAdd(fullPath, path =>
        {
            lock (_context) return _context.LoadFromAssemblyPath(path);
        });
    }

    private sealed class Context(AnalyzerLoader owner) : AssemblyLoadContext("workshop-analyzers")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            // The compiler's own assemblies are the grader's: a generator must see the types the warm compiler uses.
            if (name.Name is null || name.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)) return null;
            return owner._locations.TryGetValue(name.Name, out var path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
