namespace Workshop.Bench.Load.Hosting;

/// <summary>How to start one server: program, arguments (<c>{port}</c> is replaced) and environment.</summary>
internal sealed record ServerSpec(string Name, string Program, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);
