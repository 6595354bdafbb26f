using System.Text.Json;
using Workshop.Protocols.Http;

namespace Workshop.Playground.Features.Problems;

/// <summary>
/// Every rejection the framework itself produces (a JSON body that does not parse, a wrong content type, an
/// unknown path or method) gets the same <c>application/problem+json</c> shape, with a <c>reason</c>, as the
/// playground's own rejections, instead of an empty body or a stack trace.
/// </summary>
public static class ProblemsFeature
{
    /// <summary>Registers the problem details service with a <c>reason</c> on every problem.</summary>
    public static IServiceCollection AddPlaygroundProblems(this IServiceCollection services)
        => services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var extensions = context.ProblemDetails.Extensions;
            if (context.Exception is BadHttpRequestException bad)
            {
                // The client's mistake, not a server bug: say what was wrong, without the developer page's stack trace.
                extensions.Remove("exception");
                context.ProblemDetails.Detail = bad.Message;
            }
            if (!extensions.ContainsKey(HttpProblems.ReasonMember)) extensions[HttpProblems.ReasonMember] = ReasonFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode, context.Exception);
        });

    /// <summary>Writes a problem body for an error status answered without one.</summary>
    public static IApplicationBuilder UsePlaygroundProblems(this IApplicationBuilder app) => app.UseStatusCodePages();

    private static string ReasonFor(int status, Exception? exception) => status switch
    {
        StatusCodes.Status400BadRequest when FindJsonError(exception) => "malformed-json",
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status413PayloadTooLarge => "body-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-content-type",
        >= 500 => "server-error",
        _ => "rejected",
    };

    private static bool FindJsonError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is JsonException) return true;
        }
        return false;
    }
}
