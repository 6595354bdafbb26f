using Workshop.Testing;

namespace Workshop.Site.Tests.Browser;

/// <summary>Browser tests share one Chromium; each test opens its own context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "site-browser";
}
