using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Cookie sign-in for the pages (<c>/signin</c>, <c>/signout</c>, <c>/account</c>). The forms carry
/// antiforgery tokens, which ASP.NET Core checks for every form-bound endpoint; sign-in is rate
/// limited per address, and wrong passwords lock the account itself.
/// </summary>
public static class SignInEndpoints
{
    private const string PageSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", Form).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/signin", SignIn).AllowAnonymous().WithMetadata(FarmRateLimit.SignIn).ExcludeFromDescription();
        // The cookie is read (not required) so that the form token of a signed-in page matches.
        app.MapPost("/signout", SignOut).RequireAuthorization(AccessPolicies.SignedIn).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account", Account).RequireAuthorization(AccessPolicies.SignedIn).ExcludeFromDescription();
        return app;
    }

    private static RazorComponentResult<SignInPage> Form(HttpContext http, IAntiforgery antiforgery, string? returnUrl) => Page(http, antiforgery, null, null, 200, returnUrl);

    private static async Task<IResult> SignIn([FromForm] SignInForm form, HttpContext http, IAntiforgery antiforgery, IClusterClient cluster, TimeProvider clock)
    {
        var login = AccountNames.Normalize(form.Login ?? "");
        if (!AccountNames.IsWellFormed(login) || string.IsNullOrEmpty(form.Password) || form.Password.Length > 256)
            return Page(http, antiforgery, form.Login, "That login and password do not match an account.", 400, ReturnUrl(http));
        var outcome = await cluster.GetGrain<IAccountGrain>(login).SignIn(form.Password);
        if (outcome.RetryAfterSeconds(clock.GetUtcNow()) is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Page(http, antiforgery, login, $"Too many wrong passwords: this account is locked. Try again in {Math.Ceiling(seconds / 60.0)} min.", 429, ReturnUrl(http));
        }
        if (outcome.Caller is not { } caller) return Page(http, antiforgery, login, "That login and password do not match an account.", 401, ReturnUrl(http));
        var principal = FarmClaims.Principal(caller, CookieAuthenticationDefaults.AuthenticationScheme);
        // Each sign-in its own id, so that signing out can end that sign-in's open console streams.
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(Console.Live.ConsoleSessions.SessionClaim, Guid.NewGuid().ToString("N")));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // Back to the console page that asked for the sign-in; never to another site.
        var back = ReturnUrl(http) is { Length: > 0 and < 512 } r && r.StartsWith("/console", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal) && !r.Contains('\\')
            ? r : null;
        return Results.Redirect(back ?? (caller.Role is AccountRole.Customer ? "/account" : "/console"));
    }

    /// <summary>The console page that sent the person to sign in (a field of the form, when it has one).</summary>
    private static string? ReturnUrl(HttpContext http) => http.Request.HasFormContentType ? http.Request.Form["returnUrl"].ToString() is { Length: > 0 } r ? r : null : null;

    private static async Task<IResult> SignOut([FromForm] SignOutForm _, HttpContext http, Console.Live.ConsoleSessions sessions)
    {
        var signIn = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (signIn.Principal?.FindFirst(Console.Live.ConsoleSessions.SessionClaim)?.Value is { } session) sessions.End(session);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/signin");
    }

    private static async Task<RazorComponentResult<AccountPage>> Account(HttpContext http, IAntiforgery antiforgery, IClusterClient cluster)
    {
        var login = http.User.Account()!;
        var page = await cluster.GetGrain<ICustomerOrdersGrain>(login).Page(0, 20);
        var orders = await Task.WhenAll(page.References.Select(r => cluster.GetGrain<PrintFarm.Orders.IOrderGrain>(r).Get()));
        var tokens = Secure(http, antiforgery);
        return new RazorComponentResult<AccountPage>(new
        {
            Login = login,
            Name = http.User.Identity?.Name ?? login,
            Role = http.User.Role()?.ToString().ToLowerInvariant() ?? "",
            Staff = http.User.IsStaff(),
            Orders = (IReadOnlyList<PrintFarm.Orders.OrderView>)orders.OfType<PrintFarm.Orders.OrderView>().ToList(),
            TokenField = tokens.FormFieldName,
            Token = tokens.RequestToken!,
        });
    }

    private static RazorComponentResult<SignInPage> Page(HttpContext http, IAntiforgery antiforgery, string? login, string? problem, int status, string? returnUrl)
    {
        var tokens = Secure(http, antiforgery);
        return new RazorComponentResult<SignInPage>(new { TokenField = tokens.FormFieldName, Token = tokens.RequestToken!, Login = login, Problem = problem, ReturnUrl = returnUrl is { Length: < 512 } ? returnUrl : null })
        {
            StatusCode = status,
        };
    }

    private static AntiforgeryTokenSet Secure(HttpContext http, IAntiforgery antiforgery)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = PageSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return antiforgery.GetAndStoreTokens(http);
    }
}
