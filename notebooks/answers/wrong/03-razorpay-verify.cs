// Your turn (03-razorpay-verify): is X-Razorpay-Signature the hex HMAC-SHA256 of the raw body?
// Wrong: trusts the header to be hex, so a stranger's malformed header throws instead of being refused.
bool VerifyRazorpay(string secret, byte[] rawBody, string? signatureHeader)
{
    var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);
    return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signatureHeader ?? ""), expected);
}
