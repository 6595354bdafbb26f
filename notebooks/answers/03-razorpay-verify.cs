// Your turn (03-razorpay-verify): is X-Razorpay-Signature the hex HMAC-SHA256 of the raw body?
bool VerifyRazorpay(string secret, byte[] rawBody, string? signatureHeader)
{
    var value = signatureHeader?.Trim();
    // 32 bytes of HMAC-SHA256 are 64 hex digits; anything else is refused before any parsing can throw.
    if (value is null || value.Length != 64 || !value.All(Uri.IsHexDigit)) return false;
    var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);
    // Constant time: how long the comparison takes must not reveal how many leading bytes matched.
    return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(value), expected);
}
