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
        // TODO 1 (login): this cookie is readable by any script on the page and goes along with requests other
        //        sites start. Give it CookieOptions: HttpOnly, SameSite=Strict, Secure when the request is https,
        //        Path "/" and a MaxAge of SessionStore.IdleFor. (The other half of TODO 1 is in NotificationEndpoints.cs.)
        context.Response.Cookies.Append(SessionStore.CookieName, session);
        return Results.Ok(new { name = body.Name });
    }
}
