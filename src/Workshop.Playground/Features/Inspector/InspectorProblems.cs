using Workshop.Protocols.Http;

namespace Workshop.Playground.Features.Inspector;

/// <summary>problem+json answers of the inspector, each with a stable <c>reason</c>.</summary>
public static class InspectorProblems
{
    private const string Title = "Inspector request refused";

    /// <summary>A problem result with <paramref name="reason"/> as an extension member.</summary>
    public static IResult Problem(int status, string reason, string detail) => HttpProblems.Result(status, reason, Title, detail);

    /// <summary>404 <c>unknown-bin</c>.</summary>
    public static IResult UnknownBin() => Problem(StatusCodes.Status404NotFound, "unknown-bin", "There is no such bin (it may have expired). Create one with POST /api/bins.");

    /// <summary>
    /// 502 <c>no-answer</c>, byte for byte the same whatever the cause (no trace id, no timing, no cause): a refused,
    /// reset, unresolvable, timed-out or guard-refused destination all get exactly this, so the answer cannot tell an
    /// open port from a closed one.
    /// </summary>
    public static IResult NoAnswer() => HttpProblems.Uniform(StatusCodes.Status502BadGateway, "no-answer", Title, "The destination gave no HTTP answer.");
}
