namespace Workshop.Playground.Features.Inspector;

/// <summary>The optional body of <c>POST /api/bins</c>: secrets of your own (else the server generates them) and a forward URL.</summary>
/// <param name="StandardSecret">A <c>whsec_…</c> secret for Standard Webhooks.</param>
/// <param name="GitHubSecret">The GitHub webhook secret.</param>
/// <param name="RazorpaySecret">The Razorpay webhook secret.</param>
/// <param name="ForwardUrl">An http(s) URL captures may be redelivered to besides the bin itself (checked by the destination guard).</param>
public sealed record CreateBinRequest(string? StandardSecret, string? GitHubSecret, string? RazorpaySecret, string? ForwardUrl = null);
