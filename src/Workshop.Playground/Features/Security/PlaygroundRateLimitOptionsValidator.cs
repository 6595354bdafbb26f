using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Security;

/// <summary>Refuses unusable <see cref="PlaygroundRateLimitOptions"/> at start, naming each wrong key.</summary>
internal sealed class PlaygroundRateLimitOptionsValidator : IValidateOptions<PlaygroundRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaygroundRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(errors, nameof(options.BinCreation), options.BinCreation);
        Check(errors, nameof(options.Captures), options.Captures);
        Check(errors, nameof(options.Sender), options.Sender);
        Check(errors, nameof(options.Redelivery), options.Redelivery);
        Check(errors, nameof(options.Receivers), options.Receivers);
        Check(errors, nameof(options.GameUpgrades), options.GameUpgrades);
        Check(errors, nameof(options.NotificationsLogin), options.NotificationsLogin);
        Check(errors, nameof(options.NotificationsNotify), options.NotificationsNotify);
        if (options.MaxStreamsPerClient < 1)
            errors.Add($"{PlaygroundRateLimitOptions.SectionName}:{nameof(options.MaxStreamsPerClient)} must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string rule, RateLimitRule value)
    {
        var key = $"{PlaygroundRateLimitOptions.SectionName}:{rule}";
        if (value.PermitLimit < 1) errors.Add($"{key}:{nameof(value.PermitLimit)} must be at least 1.");
        if (value.Window <= TimeSpan.Zero) errors.Add($"{key}:{nameof(value.Window)} must be positive.");
    }
}
