using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Workshop.Faults.Tests;

/// <summary>The minimum a service collection built outside a host needs (AddWebhooks asks for the content root).</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Development;

    public string ApplicationName { get; set; } = "Workshop.Faults.Tests";

    public string ContentRootPath { get; set; } = contentRoot;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
