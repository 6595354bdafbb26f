using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;

namespace Workshop.Playground.Features.Security;

/// <summary>
/// Guards private data with the operator token (<see cref="SecurityOptions.OperatorToken"/>): the caller sends
/// <c>Authorization: Bearer &lt;token&gt;</c>, compared in constant time (both sides hashed first, so neither the
/// content nor the length leaks through timing).
/// </summary>
public sealed class OperatorAccess(IOptions<SecurityOptions> options)
{
    private readonly byte[]? _tokenHash = string.IsNullOrWhiteSpace(options.Value.OperatorToken) ? null : Hash(options.Value.OperatorToken.Trim());

    /// <summary>True when an operator token is configured.</summary>
    public bool IsConfigured => _tokenHash is not null;

    /// <summary>True when <paramref name="request"/> carries the operator token.</summary>
    public bool IsOperator(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_tokenHash is null) return false;
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(_tokenHash, Hash(header[Prefix.Length..].Trim()));
    }

    /// <summary>An endpoint filter that answers 401 problem+json (with <c>WWW-Authenticate: Bearer</c>) without the token.</summary>
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<OperatorAccess>().IsOperator(http.Request)) return await next(context);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return HttpProblems.Result(StatusCodes.Status401Unauthorized, "operator-token-required", "Operator token required",
            "This endpoint serves private data: send the operator token as 'Authorization: Bearer <token>' (Security:OperatorToken).");
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
