using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Workshop.Grading.Running;

/// <summary>
/// Compiles a student's copy of a lab inside the grader with Roslyn, kept warm: the compiler call captured from the
/// instructor's build (<see cref="CompilerTemplate"/>) is parsed once per lab by Roslyn's own command-line parser
/// (references, options, defines, nullable, language version, analyzer config, generators), its reference assemblies
/// are loaded once per process and shared by every lab, copy and student, and each copy costs only parsing its .cs
/// files, running the generators and emitting, instead of a cold <c>dotnet csc</c> process (3–7 s) per copy.
/// </summary>
/// <remarks>
/// Why this is safe outside the sandbox: compiling reads the student's source as data; no student code runs in the
/// grader (the app it produces still runs only in the sandbox). What the student controls is bounded: the files are
/// already limited in count and size (<c>SubmissionLimits</c>); each compile has a time limit through a
/// <see cref="CancellationToken"/>, and a source that keeps the compiler busy longer is reported as "did not compile
/// within N s" and the next copy is compiled as usual (the grader stops waiting at the limit; Roslyn checks the token
/// between methods, in parsing and in emit, but not necessarily inside one method body's overload resolution, so a
/// pathological body may keep one pool thread busy after the cut until it finishes); only the generators
/// named on the instructor's command line are loaded, never a path from the submission; and the student supplies no
/// options, no <c>/additionalfile</c>, no resources and no <c>#load</c>/<c>#r</c> (regular C#, not script). Analyzers
/// do not run (as in the build: <c>RunAnalyzers=false</c>); generators do.
/// </remarks>
public sealed class WarmCompiler
{
    // Reference assemblies by path: the expensive part (metadata), shared by every lab of the process.
    private static readonly ConcurrentDictionary<string, PortableExecutableReference> References = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ImmutableArray<ISourceGenerator>> Generators = new(StringComparer.Ordinal);

    private readonly string _template;
    private readonly CSharpCommandLineArguments _arguments;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<ISourceGenerator> _generators;
    private readonly IReadOnlyList<(string Relative, string Text)> _configs;
    private readonly IReadOnlyList<(string Relative, SourceText Text)> _generated;

    private WarmCompiler(string template, CSharpCommandLineArguments arguments, ImmutableArray<MetadataReference> references,
        ImmutableArray<ISourceGenerator> generators, IReadOnlyList<(string, string)> configs, IReadOnlyList<(string, SourceText)> generated)
    {
        (_template, _arguments, _references, _generators, _configs, _generated) = (template, arguments, references, generators, configs, generated);
    }

    /// <summary>
    /// Parses the instructor's compiler options (paths relative to <paramref name="template"/>, the instructor's built
    /// start project) and loads what every copy shares; null with the reason when an option is one it does not take.
    /// </summary>
    internal static (WarmCompiler? Compiler, string? Reason) Create(string template, IReadOnlyList<string> options, IReadOnlyList<string> generated, string assembly)
    {
        var arguments = CSharpCommandLineParser.Default.Parse([.. options, $"/out:{assembly}"], template, sdkDirectory: null);
        var errors = arguments.Errors.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) return (null, "Roslyn does not take the captured command line: " + errors[0].GetMessage());
        if (arguments.AdditionalFiles.Length > 0 || arguments.EmbeddedFiles.Length > 0 || arguments.ManifestResources.Length > 0 || arguments.SourceFiles.Length > 0)
            return (null, "the compiler gets more than the project's .cs files");
        // Generators and configs come from the instructor's SDK and build, never from a copy's folder.
        var analyzers = arguments.AnalyzerReferences.Select(a => a.FilePath).ToList();
        if (analyzers.Any(a => !Path.IsPathRooted(a) || a.StartsWith(template + "/", StringComparison.Ordinal))) return (null, "a generator inside the project");
        var references = arguments.MetadataReferences.Select(r => (MetadataReference)Reference(r.Reference, r.Properties)).ToImmutableArray();
        var generators = analyzers.SelectMany(a => GeneratorsIn(a)).ToImmutableArray();
        var configs = arguments.AnalyzerConfigPaths.Select(p => (Path.GetRelativePath(template, p), File.ReadAllText(p))).ToList();
        var sources = generated.Select(g => (g, SourceText.From(File.ReadAllText(Path.Combine(template, g)), Encoding.UTF8, arguments.ChecksumAlgorithm))).ToList();
        return (new WarmCompiler(template, arguments, references, generators, configs, sources), null);
    }

    private static PortableExecutableReference Reference(string path, MetadataReferenceProperties properties)
    {
        var reference = References.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));
        return properties.Equals(MetadataReferenceProperties.Assembly) ? reference : reference.WithProperties(properties);
    }

    private static ImmutableArray<ISourceGenerator> GeneratorsIn(string path) => Generators.GetOrAdd(path, p =>
    {
        foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(p)!, "*.dll")) AnalyzerLoader.Shared.AddDependencyLocation(dll);
        return new AnalyzerFileReference(p, AnalyzerLoader.Shared).GetGenerators(LanguageNames.CSharp);
    });

    /// <summary>
    /// Compiles the .cs files <paramref name="sources"/> (relative to <paramref name="project"/>, the student's copy)
    /// into <paramref name="dll"/> (and its pdb when the instructor's build has one): null when it compiled, else the
    /// errors as the compiler prints them (<c>file(line,col): error CSxxxx: message</c>) or the time limit's message.
    /// </summary>
    public async Task<string?> CompileAsync(string project, IReadOnlyList<string> sources, string dll, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var work = Task.Run(() => Compile(project, sources, dll, limit.Token), limit.Token);
        try
        {
            // The limit holds even if the compiler were slow to notice its token: the grader stops waiting and moves on.
            return await work.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return $"the project did not compile within {timeout.TotalSeconds:0} s";
        }
    }

    private string? Compile(string project, IReadOnlyList<string> sources, string dll, CancellationToken token)
    {
        var parse = _arguments.ParseOptions;
        var trees = new List<SyntaxTree>();
        foreach (var (relative, text) in _generated) trees.Add(CSharpSyntaxTree.ParseText(text, parse, Path.Combine(project, relative), token));
        foreach (var source in sources)
        {
            var path = Path.Combine(project, source);
            using var stream = File.OpenRead(path);
            trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(stream, Encoding.UTF8, _arguments.ChecksumAlgorithm), parse, path, token));
        }
        // The build's analyzer config names the project's folder (generators read it): the copy's, not the template's.
        var configs = _configs.Select(c => AnalyzerConfig.Parse(c.Text.Replace(_template + "/", project + "/", StringComparison.Ordinal), Path.Combine(project, c.Relative))).ToList();
        var options = new ConfigOptions(AnalyzerConfigSet.Create(configs));
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(dll), trees, _references,
            _arguments.CompilationOptions.WithSyntaxTreeOptionsProvider(options.Severities));
        var diagnostics = new List<Diagnostic>();
        if (_generators.Length > 0)
        {
            var driver = CSharpGeneratorDriver.Create(_generators, [], parse, options);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics, token);
            compilation = (CSharpCompilation)generated;
            diagnostics.AddRange(generatorDiagnostics);
        }
        using var pe = new MemoryStream();
        using var pdb = EmitsPdb ? new MemoryStream() : null;
        var emit = _arguments.EmitOptions.WithPdbFilePath(Path.ChangeExtension(dll, ".pdb"));
        var result = compilation.Emit(pe, pdb, options: emit, cancellationToken: token);
        diagnostics.AddRange(result.Diagnostics);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Distinct().ToList();
        if (!result.Success || errors.Count > 0)
            return string.Join('\n', errors.Select(d => d.ToString())) is { Length: > 0 } text ? text : "error CS0000: the compiler gave no reason";
        WriteFresh(dll, pe);
        if (pdb is not null) WriteFresh(Path.ChangeExtension(dll, ".pdb"), pdb);
        return null;
    }

    private bool EmitsPdb => _arguments.EmitPdb && _arguments.EmitOptions.DebugInformationFormat != DebugInformationFormat.Embedded;

    // The output folder is one a sandbox may write: a file there is replaced, never written through a planted link.
    private static void WriteFresh(string path, MemoryStream content)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        content.Position = 0;
        content.CopyTo(file);
    }
}
