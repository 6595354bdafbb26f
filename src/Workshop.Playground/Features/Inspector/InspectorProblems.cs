namespace Workshop.Playground.Features.Inspector;

/// <summary>problem+json answers of the inspector, each with a stable <c>reason</c>.</summary>
public static class InspectorProblems
{
    /// <summary>A problem result with <paramref name="reason"/> as an extension member.</summary>
    public static IResult Problem(int status, string reason, string detail)
        => TypedResults.Problem(detail, statusCode: status, title: "Inspector request refused", extensions: new Dictionary<string, object?> { ["reason"] = reason });

    /// <summary>404 <c>unknown-bin</c>.</summary>
    public static IResult UnknownBin() => Problem(StatusCodes.Status404NotFound, "unknown-bin", "There is no such bin (it may have expired). Create one with POST /api/bins.");
}
