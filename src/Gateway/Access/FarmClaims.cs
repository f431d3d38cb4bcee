using System.Security.Claims;
using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Access;

/// <summary>How a <see cref="Caller"/> travels in a request's principal, and how endpoints read it back.</summary>
public static class FarmClaims
{
    public const string KeyId = "pf:key";
    public const string Printer = "pf:printer";

    public static string RoleName(AccountRole role) => role.ToString().ToLowerInvariant();

    public static ClaimsPrincipal Principal(Caller caller, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.Account),
            new(ClaimTypes.Name, caller.Name ?? caller.Account),
            new(ClaimTypes.Role, RoleName(caller.Role)),
        };
        if (caller.KeyId is { } key) claims.Add(new Claim(KeyId, key));
        foreach (var printer in caller.Printers ?? []) claims.Add(new Claim(Printer, printer));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The caller's account; null for an anonymous request.</summary>
    public static string? Account(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static AccountRole? Role(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Enum.TryParse<AccountRole>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var role) ? role : null;

    /// <summary>Staff read every order; customers only their own.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => user.Role() is AccountRole.Viewer or AccountRole.Operator or AccountRole.Admin;
}
