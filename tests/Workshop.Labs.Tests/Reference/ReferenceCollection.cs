using Xunit;

namespace Workshop.Labs.Tests.Reference;

/// <summary>The reference tests share one running playground.</summary>
[CollectionDefinition(Name)]
public sealed class ReferenceCollection : ICollectionFixture<ReferencePlaygroundFixture>
{
    public const string Name = "Reference playground";
}
