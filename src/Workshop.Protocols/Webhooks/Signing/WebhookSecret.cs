using System.Diagnostics.CodeAnalysis;

namespace Workshop.Protocols.Webhooks;

/// <summary>Parses and creates Standard Webhooks secrets (<c>whsec_</c> followed by base64 key bytes).</summary>
public static class WebhookSecret
{
    /// <summary>The prefix every Standard Webhooks secret carries.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Decodes a <c>whsec_…</c> secret into its key bytes; false when the format is wrong.</summary>
    public static bool TryParse(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var encoded = secret.AsSpan(Prefix.Length);
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written == 0) return false;
        key = buffer[..written];
        return true;
    }

    /// <summary>Decodes a <c>whsec_…</c> secret or throws <see cref="FormatException"/> (the message never contains the secret).</summary>
    public static byte[] Parse(string? secret)
        => TryParse(secret, out var key) ? key : throw new FormatException("A Standard Webhooks secret must be 'whsec_' followed by base64 key bytes.");

    /// <summary>Creates a new random secret with 32 key bytes.</summary>
    public static string Generate()
        => Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
