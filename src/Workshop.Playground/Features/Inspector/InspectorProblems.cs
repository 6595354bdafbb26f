using System.Text;

namespace Workshop.Playground.Features.Inspector;

/// <summary>problem+json answers of the inspector, each with a stable <c>reason</c>.</summary>
public static class InspectorProblems
{
    // Written as fixed bytes (no trace id, no timing, no cause): a refused, reset, unresolvable, timed-out or
    // guard-refused destination all get exactly this, so the answer cannot tell an open port from a closed one.
    private const string NoAnswerJson =
        "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.6.3\",\"title\":\"Inspector request refused\",\"status\":502," +
        "\"detail\":\"The destination gave no HTTP answer.\",\"reason\":\"no-answer\"}";

    /// <summary>A problem result with <paramref name="reason"/> as an extension member.</summary>
    public static IResult Problem(int status, string reason, string detail)
        => TypedResults.Problem(detail, statusCode: status, title: "Inspector request refused", extensions: new Dictionary<string, object?> { ["reason"] = reason });

    /// <summary>404 <c>unknown-bin</c>.</summary>
    public static IResult UnknownBin() => Problem(StatusCodes.Status404NotFound, "unknown-bin", "There is no such bin (it may have expired). Create one with POST /api/bins.");

    /// <summary>502 <c>no-answer</c>, byte for byte the same whatever the cause.</summary>
    public static IResult NoAnswer() => Results.Text(NoAnswerJson, "application/problem+json", Encoding.UTF8, StatusCodes.Status502BadGateway);
}
