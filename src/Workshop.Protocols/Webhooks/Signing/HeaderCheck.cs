using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>Shared header presence checks, so every scheme words missing and empty headers alike.</summary>
internal static class HeaderCheck
{
    public static VerificationResult? Missing(IHeaderDictionary headers, string name, string? eventId)
    {
        if (!headers.TryGetValue(name, out var value))
            return VerificationResult.Fail(VerificationFailure.MissingHeader, $"Header '{name}' is missing.", eventId);
        if (string.IsNullOrWhiteSpace(value.ToString()))
            return VerificationResult.Fail(VerificationFailure.EmptyHeader, $"Header '{name}' is empty.", eventId);
        return null;
    }

    public static string? Value(IHeaderDictionary headers, string name)
        => headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;
}
