using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public class SigningTests
{
    // The Standard Webhooks reference libraries' known-answer vector.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecPayload = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes(SpecPayload);

    private static FakeTimeProvider ClockAt(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    private static HeaderDictionary StandardHeaders(string? id = SpecId, string? timestamp = "1614265330", string? signature = SpecSignature)
    {
        var headers = new HeaderDictionary();
        if (id is not null) headers["webhook-id"] = id;
        if (timestamp is not null) headers["webhook-timestamp"] = timestamp;
        if (signature is not null) headers["webhook-signature"] = signature;
        return headers;
    }

    [Fact]
    public void Standard_signer_matches_the_spec_known_answer()
        => Assert.Equal(SpecSignature, WebhookSigner.SignStandard(SpecSecret, SpecId, SpecTimestamp, SpecBody));

    [Fact]
    public void Standard_verifier_accepts_the_spec_known_answer()
    {
        var result = new StandardWebhookVerifier(SpecSecret, ClockAt(SpecTimestamp)).Verify(StandardHeaders(), SpecBody);
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(SpecId, result.EventId);
    }

    [Fact]
    public void GitHub_signer_matches_the_documented_example()
        => Assert.Equal(
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            WebhookSigner.SignGitHub("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!")));

    [Fact]
    public void GitHub_verifier_accepts_the_documented_example_and_rejects_another_body()
    {
        var verifier = HexHmacVerifier.GitHub("It's a Secret to Everybody");
        var headers = new HeaderDictionary
        {
            ["X-Hub-Signature-256"] = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            ["X-GitHub-Delivery"] = "d-1",
        };
        Assert.True(verifier.Verify(headers, Encoding.UTF8.GetBytes("Hello, World!")).IsValid);
        Assert.Equal(VerificationFailure.BadSignature, verifier.Verify(headers, Encoding.UTF8.GetBytes("Hello, World?")).Failure);
    }

    [Fact]
    public void Razorpay_verifier_accepts_its_own_signature_and_rejects_a_wrong_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"payment.captured\"}");
        var headers = new HeaderDictionary { ["X-Razorpay-Signature"] = WebhookSigner.SignRazorpay("rzp-secret", body) };
        Assert.True(HexHmacVerifier.Razorpay("rzp-secret").Verify(headers, body).IsValid);
        Assert.Equal(VerificationFailure.BadSignature, HexHmacVerifier.Razorpay("other").Verify(headers, body).Failure);
    }

    [Fact]
    public void Standard_verifier_accepts_any_of_several_signatures_during_key_rotation()
    {
        var newSecret = WebhookSecret.Generate();
        var newSignature = WebhookSigner.SignStandard(newSecret, SpecId, SpecTimestamp, SpecBody);
        var headers = StandardHeaders(signature: $"v1,AAAA{newSignature[7..]} {newSignature} v2,whatever");
        Assert.True(new StandardWebhookVerifier(newSecret, ClockAt(SpecTimestamp)).Verify(headers, SpecBody).IsValid);
        // The receiver may also hold old and new secrets at once.
        var both = new StandardWebhookVerifier([SpecSecret, newSecret], ClockAt(SpecTimestamp));
        Assert.True(both.Verify(StandardHeaders(), SpecBody).IsValid);
        Assert.True(both.Verify(StandardHeaders(signature: newSignature), SpecBody).IsValid);
    }

    public static TheoryData<string?, string?, string?, VerificationFailure> BadStandardInputs => new()
    {
        { null, "1614265330", SpecSignature, VerificationFailure.MissingHeader },
        { "", "1614265330", SpecSignature, VerificationFailure.EmptyHeader },
        { SpecId, null, SpecSignature, VerificationFailure.MissingHeader },
        { SpecId, "  ", SpecSignature, VerificationFailure.EmptyHeader },
        { SpecId, "1614265330", null, VerificationFailure.MissingHeader },
        { SpecId, "1614265330", "", VerificationFailure.EmptyHeader },
        { SpecId, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.UnknownVersion },
        { SpecId, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.UnknownVersion },
        { SpecId, "1614265330", "v1,not base64!", VerificationFailure.MalformedSignature },
        { SpecId, "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", VerificationFailure.BadSignature },
        { "msg_other", "1614265330", SpecSignature, VerificationFailure.BadSignature },
        { SpecId, "16142653x0", SpecSignature, VerificationFailure.NonNumericTimestamp },
        { SpecId, "-1614265330", SpecSignature, VerificationFailure.NonNumericTimestamp },
        { SpecId, "1614265330.5", SpecSignature, VerificationFailure.NonNumericTimestamp },
    };

    [Theory]
    [MemberData(nameof(BadStandardInputs))]
    public void Standard_verifier_names_the_reason_for_each_bad_input(string? id, string? timestamp, string? signature, VerificationFailure expected)
    {
        var result = new StandardWebhookVerifier(SpecSecret, ClockAt(SpecTimestamp)).Verify(StandardHeaders(id, timestamp, signature), SpecBody);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.DoesNotContain("g0hM9SsE", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_verifier_rejects_a_body_that_differs_by_whitespace()
    {
        var reserialized = Encoding.UTF8.GetBytes("{\"test\":2432232314}");
        Assert.Equal(VerificationFailure.BadSignature, new StandardWebhookVerifier(SpecSecret, ClockAt(SpecTimestamp)).Verify(StandardHeaders(), reserialized).Failure);
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not*base64")]
    public void Standard_verifier_reports_a_bad_secret_format(string secret)
        => Assert.Equal(VerificationFailure.BadSecretFormat, new StandardWebhookVerifier(secret, ClockAt(SpecTimestamp)).Verify(StandardHeaders(), SpecBody).Failure);

    [Theory]
    [InlineData(-300, VerificationFailure.None)]
    [InlineData(-301, VerificationFailure.FutureTimestamp)]
    [InlineData(300, VerificationFailure.None)]
    [InlineData(301, VerificationFailure.StaleTimestamp)]
    public void Standard_verifier_allows_five_minutes_of_skew_in_both_directions(int clockOffsetSeconds, VerificationFailure expected)
    {
        var clock = ClockAt(SpecTimestamp + clockOffsetSeconds);
        Assert.Equal(expected, new StandardWebhookVerifier(SpecSecret, clock).Verify(StandardHeaders(), SpecBody).Failure);
    }

    [Fact]
    public void Standard_verifier_follows_the_clock_as_it_advances()
    {
        var clock = ClockAt(SpecTimestamp);
        var verifier = new StandardWebhookVerifier(SpecSecret, clock, TimeSpan.FromSeconds(30));
        Assert.True(verifier.Verify(StandardHeaders(), SpecBody).IsValid);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(VerificationFailure.StaleTimestamp, verifier.Verify(StandardHeaders(), SpecBody).Failure);
    }

    [Theory]
    [InlineData(-299, null)]
    [InlineData(-301, VerificationFailure.StaleTimestamp)]
    [InlineData(299, null)]
    [InlineData(301, VerificationFailure.FutureTimestamp)]
    public void Standard_verifier_tolerates_five_minutes_of_clock_skew_in_both_directions_by_default(int skewSeconds, VerificationFailure? expected)
    {
        // The server's clock is skewSeconds away from the signed timestamp: negative = the request is old.
        var verifier = new StandardWebhookVerifier(SpecSecret, ClockAt(SpecTimestamp - skewSeconds));
        var result = verifier.Verify(StandardHeaders(), SpecBody);
        Assert.Equal(expected, result.IsValid ? null : result.Failure);
    }

    public static TheoryData<string?, VerificationFailure> BadGitHubSignatures => new()
    {
        { null, VerificationFailure.MissingHeader },
        { "", VerificationFailure.EmptyHeader },
        { "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", VerificationFailure.UnknownVersion },
        { "sha256=xyz", VerificationFailure.MalformedSignature },
        { "sha256=857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", VerificationFailure.BadSignature },
    };

    [Theory]
    [MemberData(nameof(BadGitHubSignatures))]
    public void GitHub_verifier_names_the_reason_for_each_bad_signature(string? signature, VerificationFailure expected)
    {
        var headers = new HeaderDictionary();
        if (signature is not null) headers["X-Hub-Signature-256"] = new StringValues(signature);
        Assert.Equal(expected, HexHmacVerifier.GitHub("It's a Secret to Everybody").Verify(headers, Encoding.UTF8.GetBytes("Hello, World!")).Failure);
    }

    [Fact]
    public void Reason_codes_are_distinct_for_every_failure()
    {
        var codes = Enum.GetValues<VerificationFailure>().Select(VerificationResult.ReasonCode).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain("unknown", codes);
    }
}
