namespace Workshop.Security.Tests;

/// <summary>One default <see cref="ProductionPlayground"/> shared by a test class whose tests do not change its settings.</summary>
public sealed class ProductionPlaygroundFixture : IAsyncDisposable
{
    /// <summary>The shared server.</summary>
    public ProductionPlayground Server { get; } = new();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
