using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>Tests in this collection share one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
