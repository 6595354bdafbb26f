using System.Security.Cryptography;
using System.Text;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// What logs and internal names use instead of a bin id (the id is the bin's only key): a short hash that tells
/// log lines of one bin apart but cannot be turned back into the id.
/// </summary>
internal static class BinFingerprint
{
    /// <summary>The first 8 hex characters of SHA-256 of the id.</summary>
    public static string Of(string binId) => Hash(binId)[..8];

    /// <summary>The whole SHA-256 of the id in hex (unique per bin, for internal names such as topic names).</summary>
    public static string Hash(string binId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binId)));
}
