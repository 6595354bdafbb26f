using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Inspector;

/// <summary>Refuses unusable <see cref="InspectorOptions"/> at start, naming the keys.</summary>
internal sealed class InspectorOptionsValidator : IValidateOptions<InspectorOptions>
{
    public ValidateOptionsResult Validate(string? name, InspectorOptions options)
        => options?.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
