using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Workshop.Protocols.Http;

/// <summary>
/// The one way the library and the playground answer an error: RFC 9457 <c>application/problem+json</c> with a
/// stable, machine-readable <c>reason</c> member beside the human <c>detail</c>. A client branches on
/// <c>reason</c>; <c>detail</c> says what to do next. When <c>AddProblemDetails</c> is registered the answer goes
/// through <see cref="IProblemDetailsService"/>, so the host's customisations (a trace id, a default reason)
/// apply to these answers as they do to the framework's own.
/// </summary>
public static class HttpProblems
{
    /// <summary>The name of the extension member that carries the stable reason.</summary>
    public const string ReasonMember = "reason";

    /// <summary>The media type of every problem answer.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>A problem result: <paramref name="status"/>, <paramref name="title"/>, <paramref name="detail"/> and <c>reason</c>.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="reason">A stable, kebab-case reason a client can branch on (<c>rate-limited</c>).</param>
    /// <param name="title">A short summary of the kind of problem, the same for every occurrence.</param>
    /// <param name="detail">What went wrong this time and what to do about it; never a secret or a stack trace.</param>
    /// <param name="extensions">More members (a retry delay, a policy name), written beside <c>reason</c>.</param>
    public static ProblemHttpResult Result(int status, string reason, string title, string detail,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
        => TypedResults.Problem(Create(status, reason, title, detail, extensions));

    /// <summary>Writes <see cref="Result"/> to <paramref name="context"/>'s response (for middleware and raw endpoints).</summary>
    /// <param name="context">The request to answer.</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="reason">A stable, kebab-case reason.</param>
    /// <param name="title">A short summary of the kind of problem.</param>
    /// <param name="detail">What went wrong and what to do about it.</param>
    /// <param name="extensions">More members, written beside <c>reason</c>.</param>
    public static Task WriteAsync(HttpContext context, int status, string reason, string title, string detail,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result(status, reason, title, detail, extensions).ExecuteAsync(context);
    }

    /// <summary>
    /// The same problem, written without the host's per-request members (no trace id): byte for byte the same body
    /// on every call. For answers that must not let a caller tell one hidden cause from another, such as a relay's
    /// "no answer" that would otherwise reveal whether a private port is open.
    /// </summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="reason">A stable, kebab-case reason.</param>
    /// <param name="title">A short summary of the kind of problem.</param>
    /// <param name="detail">What went wrong; the same text whatever the hidden cause.</param>
    public static IResult Uniform(int status, string reason, string title, string detail)
        // The problem result fills in the default type for the status; serialising it ourselves skips the service.
        => TypedResults.Json(Result(status, reason, title, detail).ProblemDetails, JsonSerializerOptions.Web, MediaType, status);

    private static ProblemDetails Create(int status, string reason, string title, string detail,
        IEnumerable<KeyValuePair<string, object?>>? extensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
        };
        problem.Extensions[ReasonMember] = reason;
        foreach (var (key, value) in extensions ?? []) problem.Extensions[key] = value;
        return problem;
    }
}
