// Lab 10: per-user notifications over SSE. Read ../README.md, then work through the TODOs
// (LoginEndpoints.cs, NotificationEndpoints.cs, NotificationCenter.cs, wwwroot/app.js). Check it: ./workshop check 10
var builder = WebApplication.CreateBuilder(args);
// Every body here is a name or a short text: 4 KB is plenty, and a stranger cannot make the server buffer more.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024);
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddSingleton<NotificationCenter>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapLogin();
app.MapNotifications();

app.Run();
