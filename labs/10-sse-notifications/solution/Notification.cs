/// <summary>One notification in a user's inbox. The id is unique across all users and only grows.</summary>
public sealed class Notification(long id, string user, string text, DateTimeOffset at)
{
    public long Id { get; } = id;
    public string User { get; } = user;
    public string Text { get; } = text;
    public DateTimeOffset At { get; } = at;
    public bool Read { get; set; }
}
