namespace Workshop.Playground.Features.Security;

/// <summary>
/// Which environment the playground runs in. The environment a deployer names (<c>ASPNETCORE_ENVIRONMENT</c>,
/// <c>DOTNET_ENVIRONMENT</c> or <c>--environment</c>) always wins. Only when none is named does the launch profile's
/// <c>WORKSHOP_DEFAULT_ENVIRONMENT</c> apply (Development for <c>dotnet run</c>, so learners need no set-up); with
/// nothing at all (a published build started by hand) it is Production, the safe default. A launch profile that set
/// <c>ASPNETCORE_ENVIRONMENT</c> itself would override the deployer's choice, which is how a "Production" instance
/// once ran in Development and served its secrets.
/// </summary>
public static class PlaygroundEnvironment
{
    /// <summary>The variable a launch profile sets to choose the default environment.</summary>
    public const string DefaultVariable = "WORKSHOP_DEFAULT_ENVIRONMENT";

    /// <summary><paramref name="args"/>, with <c>--environment &lt;default&gt;</c> added when nothing named one.</summary>
    public static string[] WithDefault(string[] args, Func<string, string?>? variable = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        variable ??= Environment.GetEnvironmentVariable;
        var named = !string.IsNullOrEmpty(variable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(variable("DOTNET_ENVIRONMENT"))
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/environment", StringComparison.OrdinalIgnoreCase));
        if (named) return args;
        var fallback = variable(DefaultVariable);
        return ["--environment", string.IsNullOrWhiteSpace(fallback) ? "Production" : fallback.Trim(), .. args];
    }
}
