using System.Net.Http.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Labs;

/// <summary>
/// A user of lab 10 signed in with <c>POST /login</c>: a client of its own that sends the session cookie it was given
/// (and nothing else: the shared client of the check context must stay anonymous for the 401 checks).
/// </summary>
internal sealed class NotificationUser : IDisposable
{
    private NotificationUser(string name, HttpClient http, IReadOnlyList<string> setCookies)
    {
        Name = name;
        Http = http;
        SetCookies = setCookies;
    }

    /// <summary>The user's name (random, so runs and checks never share an inbox).</summary>
    public string Name { get; }

    /// <summary>A client whose every request carries the user's session cookie.</summary>
    public HttpClient Http { get; }

    /// <summary>The <c>Set-Cookie</c> headers of the login answer, as sent.</summary>
    public IReadOnlyList<string> SetCookies { get; }

    /// <summary>A fresh name such as <c>ada-1f3e9c2b</c>.</summary>
    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A client for the target without cookie handling: cookies go only where a check puts them.</summary>
    public static HttpClient Client(CheckContext context) =>
        new(new TranscriptHttpHandler(new SocketsHttpHandler { UseCookies = false })) { BaseAddress = context.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<NotificationUser> SignInAsync(CheckContext context, string prefix)
    {
        var name = NewName(prefix);
        var http = Client(context);
        try
        {
            using var response = await http.PostAsJsonAsync("/login", new { name }, context.CancellationToken);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /login {{\"name\":\"{name}\"}} answered {(int)response.StatusCode}");
            var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
            if (setCookies.Count == 0) throw new InvalidOperationException("POST /login answered without a Set-Cookie header: there is no session to send");
            http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", setCookies.Select(c => c.Split(';')[0].Trim())));
            return new NotificationUser(name, http, setCookies);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="text"/> to <paramref name="to"/> with the lab's test tool and returns its id.</summary>
    public static async Task<long> NotifyAsync(CheckContext context, string to, string text)
    {
        using var response = await context.Http.PostAsJsonAsync("/notify", new { to, text }, context.CancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /notify answered {(int)response.StatusCode}");
        var body = await response.Content.ReadFromJsonAsync<NotifyAnswer>(context.CancellationToken);
        return body?.Id ?? throw new InvalidOperationException("POST /notify answered without an id");
    }

    /// <summary>The user's unread count as <c>GET /notifications</c> tells it.</summary>
    public async Task<int> UnreadAsync(CancellationToken cancellationToken)
    {
        var inbox = await Http.GetFromJsonAsync<InboxAnswer>("/notifications", cancellationToken);
        return inbox?.Unread ?? throw new InvalidOperationException("GET /notifications answered no unread count");
    }

    /// <summary>Marks a notification as read; returns the status code.</summary>
    public async Task<int> MarkReadAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync($"/notifications/{id}/read", null, cancellationToken);
        return (int)response.StatusCode;
    }

    public void Dispose() => Http.Dispose();

    private sealed record NotifyAnswer(long Id);

    private sealed record InboxAnswer(int Unread);
}
