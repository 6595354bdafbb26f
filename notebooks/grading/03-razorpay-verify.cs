// Probe 03-razorpay-verify, learner function: VerifyRazorpay
using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

internal static class Probe_03_razorpay_verify
{
    public static IEnumerable<ProbeCase> Cases(Random random, Func<string, byte[], string?, bool> verifyRazorpay)
    {
        // The check cell's ten headers, for secrets and payments the learner has not seen.
        for (var round = 0; round < 3; round++)
        {
            var secret = "rzp_secret_" + random.NextInt64(1_000_000, 10_000_000_000);
            var other = "whsec_other_" + random.Next();
            var amount = random.Next(100, 1_000_000);
            var body = Encoding.UTF8.GetBytes($"{{\"event\":\"payment.captured\",\"payload\":{{\"payment\":{{\"entity\":{{\"id\":\"pay_{random.Next():x}\",\"amount\":{amount},\"currency\":\"INR\"}}}}}}}}");
            var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace($"\"amount\":{amount}", $"\"amount\":{amount + 1}"));
            var reserialized = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(body).RootElement, new JsonSerializerOptions { WriteIndented = true });
            string Sign(string key, byte[] data) => Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data)).ToLowerInvariant();
            var genuine = Sign(secret, body);
            var cases = new (string Label, byte[] Body, string? Header)[]
            {
                ("a genuine payment.captured", body, genuine),
                ("the amount changed after signing", tampered, genuine),
                ("signed with another secret", body, Sign(other, body)),
                ("signature over the re-serialized JSON", reserialized, genuine),
                ("no header", body, null),
                ("an empty header", body, ""),
                ("a GitHub-style 'sha256=' header", body, "sha256=" + genuine),
                ("63 hex digits", body, genuine[..63]),
                ("64 characters that are not hex", body, new string('z', 64)),
                ("the base64 of the right HMAC", body, Convert.ToBase64String(Convert.FromHexString(genuine))),
            };
            foreach (var (label, data, header) in cases)
            {
                yield return ProbeCase.Of($"VerifyRazorpay for {label} (payment #{round + 1})", () => ProbeText.Show(verifyRazorpay(secret, (byte[])data.Clone(), header)));
            }
        }
    }
}
