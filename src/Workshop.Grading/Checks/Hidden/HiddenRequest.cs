using System.Text;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>An HTTP request a hidden check sends: any method, headers and a body.</summary>
internal sealed class HiddenRequest
{
    /// <summary>The method (default GET).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The lab path and query.</summary>
    public required string Path { get; init; }

    /// <summary>Request headers (content headers such as Content-Type included).</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>The body, sent as is (Content-Type from <see cref="Headers"/>, else <c>application/json</c>).</summary>
    public string? Body { get; init; }

    /// <summary>Sends the request to the target, with <paramref name="token"/> in place of <c>{{run}}</c>.</summary>
    public async Task<HttpResponseMessage> SendAsync(CheckContext context, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(Method.ToUpperInvariant()), context.MapPath(RunToken.Apply(Path, token)).TrimStart('/'));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RunToken.Apply(Body, token)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        foreach (var (name, value) in Headers)
        {
            if (request.Content is not null && name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, RunToken.Apply(value, token));
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, RunToken.Apply(value, token));
            }
        }
        return await context.Http.SendAsync(request, context.CancellationToken);
    }
}
