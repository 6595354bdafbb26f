using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>All lab tests share one <see cref="LabSuiteFixture"/>: each lab is built once per run.</summary>
[CollectionDefinition(Name)]
public sealed class LabsCollection : ICollectionFixture<LabSuiteFixture>
{
    public const string Name = "Labs";
}
