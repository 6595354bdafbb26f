namespace Workshop.Playground.Features.Notifications;

/// <summary>Why a notification stream was not opened.</summary>
public enum StreamRefusal
{
    /// <summary>It was opened.</summary>
    None,

    /// <summary>The user already holds <see cref="NotificationsOptions.MaxStreamsPerUser"/> streams (429).</summary>
    UserFull,

    /// <summary>The server already holds <see cref="NotificationsOptions.MaxStreams"/> streams (503).</summary>
    ServerFull,
}
