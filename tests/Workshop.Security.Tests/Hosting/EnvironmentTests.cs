using System.Security.Cryptography;
using Workshop.Testing;

namespace Workshop.Security.Tests.Hosting;

/// <summary>
/// Item 12: the README's and docs' exact command, <c>dotnet run --project src/Workshop.Playground</c>, runs in the
/// environment the deployer names; with none named it is Development, as learners expect.
/// </summary>
public sealed class EnvironmentTests
{
    [Fact]
    public async Task Dotnet_run_with_production_named_runs_in_production_and_serves_no_development_secrets()
    {
        var data = Directory.CreateTempSubdirectory("playground-env-").FullName;
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AllowedHosts"] = "127.0.0.1",
            ["Webhooks__Standard__Secret"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Webhooks__GitHub__Secret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Webhooks__Razorpay__Secret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Workshop__DataDirectory"] = data,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var secrets = await http.GetAsync("/api/webhooks/dev-secrets");

        Assert.Equal(HttpStatusCode.NotFound, secrets.StatusCode);
        Assert.Contains("Hosting environment: Production", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_run_with_no_environment_named_runs_in_development()
    {
        var data = Directory.CreateTempSubdirectory("playground-env-").FullName;
        await using var host = await StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["DOTNET_ENVIRONMENT"] = null,
            ["Workshop__DataDirectory"] = data,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var secrets = await http.GetAsync("/api/webhooks/dev-secrets");

        Assert.Equal(HttpStatusCode.OK, secrets.StatusCode);
        Assert.Contains("Hosting environment: Development", host.Output, StringComparison.Ordinal);
    }

    private static Task<ChildProcessHost> StartAsync(Dictionary<string, string?> environment)
    {
        environment["Site__Enabled"] = "false"; // the site build is not what this tests
        return ChildProcessHost.StartDotnetAsync(
            ["run", "--project", Path.Combine(RepoPaths.Root, "src", "Workshop.Playground"), "-c", RepoPaths.Configuration, "--no-build", "--", "--urls", "http://127.0.0.1:0"],
            environment, RepoPaths.Root, "dotnet run --project src/Workshop.Playground", TimeSpan.FromSeconds(90));
    }
}
