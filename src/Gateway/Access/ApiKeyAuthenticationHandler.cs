using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>Authorization: Bearer pf_…</c>, checked on every request by
/// <see cref="KeyCheck"/> (nothing caches a key, so a revocation counts on every gateway at
/// once); only the key's hash leaves the gateway. A missing, malformed, unknown, revoked or expired key all
/// get the same 401: a caller learns nothing about keys it does not hold.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    KeyCheck keys,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string Scheme = "ApiKey";
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer key.");
        var token = header[Bearer.Length..].Trim();
        if (!ApiKeyToken.TryParse(token, out var id)) return AuthenticateResult.Fail("Not a PrintFarm key.");
        var caller = await keys.Authenticate(id, ApiKeyToken.Hash(token));
        if (caller is null)
        {
            LogRefused(Logger, ApiKeyToken.Display(id));
            return AuthenticateResult.Fail("The key is not valid.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(FarmClaims.Principal(caller, Scheme), Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = "A valid key is needed",
                Detail = "Send an API key as 'Authorization: Bearer pf_…'. A key that is unknown, revoked or expired is refused the same way.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 403,
                Title = "This key may not do that",
                Detail = $"A {Context.User.Role()?.ToString().ToLowerInvariant() ?? "caller"} key may not do this; ask an admin for a key with the right role.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused key {Key}: unknown, revoked or expired")]
    private static partial void LogRefused(ILogger logger, string key);
}
