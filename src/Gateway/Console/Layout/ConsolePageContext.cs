using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;

namespace PrintFarm.Gateway.Console.Layout;

/// <summary>What every console page needs from its request: the person, a fresh antiforgery token, private caching.</summary>
public static class ConsolePageContext
{
    public static ConsoleUser For(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var role = http.User.Role();
        return new ConsoleUser(
            http.User.Account() ?? "",
            http.User.FindFirstValue(ClaimTypes.Name) ?? http.User.Account() ?? "",
            role?.ToString().ToLowerInvariant() ?? "",
            CanOperate: role is AccountRole.Operator or AccountRole.Admin,
            IsAdmin: role is AccountRole.Admin,
            tokens.FormFieldName,
            tokens.RequestToken!);
    }

    /// <summary>A page's notice after a move, from the redirect that followed it (?notice=…), bounded.</summary>
    public static string? Notice(HttpContext http) => Bounded(http.Request.Query["notice"].ToString());

    public static IReadOnlyList<string> Problem(HttpContext http) => Bounded(http.Request.Query["problem"].ToString()) is { } p ? [p] : [];

    private static string? Bounded(string text) => text.Length == 0 ? null : text.Length > 300 ? text[..300] : text;
}
