namespace Workshop.Playground.Features.Inspector;

/// <summary>The optional body of <c>POST /api/bins</c>: secrets to verify this bin's requests with instead of the reference ones.</summary>
/// <param name="StandardSecret">A <c>whsec_…</c> secret for Standard Webhooks.</param>
/// <param name="GitHubSecret">The GitHub webhook secret.</param>
/// <param name="RazorpaySecret">The Razorpay webhook secret.</param>
public sealed record CreateBinRequest(string? StandardSecret, string? GitHubSecret, string? RazorpaySecret);
