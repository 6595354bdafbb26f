// Lab 09: tic-tac-toe for two browsers over WebSocket, with spectators, rejoin and a clean end.
var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<GameOptions>(builder.Configuration.GetSection(GameOptions.SectionName));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<GameLobby>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.UseWebSockets();
app.Map("/ws/game", GameEndpoint.HandleAsync);

app.Run();
