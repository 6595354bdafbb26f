using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Notifications;

/// <summary>Refuses unusable <see cref="NotificationsOptions"/> at start, naming each wrong key.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void AtLeastOne(string key, int value)
        {
            if (value < 1) errors.Add($"{NotificationsOptions.SectionName}:{key} must be at least 1.");
        }
        void Positive(string key, TimeSpan value)
        {
            if (value <= TimeSpan.Zero) errors.Add($"{NotificationsOptions.SectionName}:{key} must be positive.");
        }
        AtLeastOne(nameof(options.MaxBodyBytes), options.MaxBodyBytes);
        AtLeastOne(nameof(options.MaxSessions), options.MaxSessions);
        AtLeastOne(nameof(options.MaxPerUser), options.MaxPerUser);
        AtLeastOne(nameof(options.MaxInboxes), options.MaxInboxes);
        AtLeastOne(nameof(options.MaxStreamsPerUser), options.MaxStreamsPerUser);
        AtLeastOne(nameof(options.MaxStreams), options.MaxStreams);
        AtLeastOne(nameof(options.StreamQueue), options.StreamQueue);
        AtLeastOne(nameof(options.MaxTextLength), options.MaxTextLength);
        Positive(nameof(options.SessionIdle), options.SessionIdle);
        Positive(nameof(options.KeepFor), options.KeepFor);
        Positive(nameof(options.SweepInterval), options.SweepInterval);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
