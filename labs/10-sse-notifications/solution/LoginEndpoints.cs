/// <summary><c>POST /login</c> (a name in, a session cookie out) and <c>POST /logout</c>.</summary>
public static class LoginEndpoints
{
    public static void MapLogin(this WebApplication app)
    {
        app.MapPost("/login", Login);
        app.MapPost("/logout", (HttpContext context, SessionStore sessions) =>
        {
            sessions.End(context);
            context.Response.Cookies.Delete(SessionStore.CookieName, new CookieOptions { Path = "/" });
            return Results.NoContent();
        });
    }

    private static IResult Login(LoginRequest body, HttpContext context, SessionStore sessions)
    {
        if (!UserName.IsValid(body.Name)) return Results.Problem(UserName.Rule, statusCode: StatusCodes.Status400BadRequest);
        var session = sessions.Create(body.Name!);
        // TODO 1 solved: why these flags: HttpOnly keeps the session id away from any script (an XSS cannot read
        // it); SameSite=Strict keeps the browser from sending it with requests another site starts (no CSRF on
        // mark-as-read); Secure whenever the site is served over https.
        context.Response.Cookies.Append(SessionStore.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = SessionStore.IdleFor,
        });
        return Results.Ok(new { name = body.Name });
    }
}
