using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workshop.Playground.Features.Notifications;

namespace Workshop.Playground.Tests;

/// <summary>What the notifications demo holds for strangers goes away by itself: sessions, notifications, inboxes.</summary>
public sealed class NotificationsExpiryTests
{
    private static readonly NotificationsOptions Options = new() { SessionIdle = TimeSpan.FromMinutes(10), KeepFor = TimeSpan.FromMinutes(30), MaxPerUser = 3 };

    [Fact]
    public void A_session_unused_for_longer_than_its_idle_time_no_longer_signs_anyone_in_and_is_swept()
    {
        var clock = new FakeTimeProvider();
        var sessions = new NotificationSessions(clock, Microsoft.Extensions.Options.Options.Create(Options));
        var request = WithSession(sessions.Create("ada"));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("ada", sessions.UserOf(request)); // a use keeps it alive for another idle period
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("ada", sessions.UserOf(request));

        var forgotten = WithSession(sessions.Create("bob"));
        clock.Advance(TimeSpan.FromMinutes(11));
        sessions.Sweep();
        Assert.Equal(0, sessions.Count);
        Assert.Null(sessions.UserOf(request));
        Assert.Null(sessions.UserOf(forgotten));
    }

    [Fact]
    public void A_notification_past_its_keep_time_cannot_be_read_and_the_sweep_forgets_its_empty_inbox()
    {
        var clock = new FakeTimeProvider();
        var center = new NotificationCenter(clock, Microsoft.Extensions.Options.Options.Create(Options));
        var old = center.Notify("ada", "old news");
        clock.Advance(TimeSpan.FromMinutes(20));
        var fresh = center.Notify("ada", "fresh news");
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(ReadOutcome.NotFound, center.MarkRead("ada", old));
        Assert.Equal(ReadOutcome.Read, center.MarkRead("ada", fresh));
        Assert.Equal(["fresh news"], center.InboxSnapshot("ada").Items.Select(n => n.Text));

        clock.Advance(TimeSpan.FromMinutes(30));
        center.Sweep();
        Assert.Equal(0, center.InboxCount);
    }

    [Fact]
    public void An_inbox_keeps_only_the_newest_notifications_and_an_evicted_one_is_unknown()
    {
        var center = new NotificationCenter(new FakeTimeProvider(), Microsoft.Extensions.Options.Options.Create(Options));
        var ids = Enumerable.Range(1, 5).Select(i => center.Notify("ada", $"n{i}")).ToList();
        Assert.Equal(["n3", "n4", "n5"], center.InboxSnapshot("ada").Items.Select(n => n.Text));
        Assert.Equal(ReadOutcome.NotFound, center.MarkRead("ada", ids[0]));
        Assert.Equal(ReadOutcome.Forbidden, center.MarkRead("bob", ids[4]));
    }

    private static DefaultHttpContext WithSession(string id)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{NotificationSessions.CookieName}={id}";
        return context;
    }
}
