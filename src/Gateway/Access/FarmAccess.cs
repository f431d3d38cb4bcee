using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;

namespace PrintFarm.Gateway.Access;

/// <summary>
/// Who may do what, wired the ASP.NET Core way: two authentication schemes (API keys for the API,
/// a cookie for the pages), the policies of <see cref="AccessPolicies"/> attached to endpoints,
/// and the rate limiter in front of sign-in and order placement.
/// </summary>
public static class FarmAccess
{
    private static readonly string[] Everyone = [.. Enum.GetValues<AccountRole>().Select(FarmClaims.RoleName)];
    internal static readonly string[] Staff = [FarmClaims.RoleName(AccountRole.Viewer), FarmClaims.RoleName(AccountRole.Operator), FarmClaims.RoleName(AccountRole.Admin)];
    internal static readonly string[] Orderers = [FarmClaims.RoleName(AccountRole.Customer), FarmClaims.RoleName(AccountRole.Operator), FarmClaims.RoleName(AccountRole.Admin)];
    internal static readonly string[] Operators = [FarmClaims.RoleName(AccountRole.Operator), FarmClaims.RoleName(AccountRole.Admin)];

    public static IServiceCollection AddFarmAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // No default scheme: each policy names its own, so a request to a public page never
        // spends a call on a key it happens to carry.
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = ApiKeyAuthenticationHandler.Scheme;
                o.DefaultForbidScheme = ApiKeyAuthenticationHandler.Scheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "printfarm";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/signin";
                o.SlidingExpiration = true;
                // A signed-in person without the role gets 403, not a sign-in form they already passed.
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = access.Value.SignInLasts);

        services.AddSingleton<KeyCheck>();
        services.AddSingleton<IAuthorizationHandler, OrderAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, DesignAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, PrinterScopeHandler>();
        services.AddAuthorizationBuilder()
            // An endpoint that names no policy still needs a key.
            .SetFallbackPolicy(Keyed().RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.Reading, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireRole(Everyone))
            .AddPolicy(AccessPolicies.Ordering, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireRole(Orderers))
            .AddPolicy(AccessPolicies.Viewer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireRole(Staff))
            .AddPolicy(AccessPolicies.Operator, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireRole(Operators)
                .AddRequirements(new PrinterScopeRequirement()))
            .AddPolicy(AccessPolicies.Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireRole(FarmClaims.RoleName(AccountRole.Admin)))
            .AddPolicy(AccessPolicies.SignedIn, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(Everyone))
            .AddPolicy(AccessPolicies.OrderAccess, p => p.AddRequirements(new OrderAccessRequirement()))
            .AddPolicy(AccessPolicies.DesignAccess, p => p.AddRequirements(new DesignAccessRequirement()));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Slow down: try again in {response.Headers.RetryAfter} s." },
                });
            };
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(PerAddress(), PerAccount());
        });
        return services;
    }

    /// <summary>After routing (the limits are endpoint metadata) and after authorization (the per-account limit needs the caller).</summary>
    public static WebApplication UseFarmAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery(); // checks the token of every form-bound endpoint (sign-in, sign-out)
        app.UseRateLimiter();
        return app;
    }

    private static AuthorizationPolicyBuilder Keyed() => new(ApiKeyAuthenticationHandler.Scheme);

    private static PartitionedRateLimiter<HttpContext> PerAddress() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        if (Limit(http) is not { } limit) return RateLimitPartition.GetNoLimiter("");
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var access = http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        var permits = limit == FarmRateLimit.SignIn ? access.SignInsPerMinutePerAddress : access.OrdersPerMinutePerAddress;
        return RateLimitPartition.GetFixedWindowLimiter($"{limit.Name}|{address}", _ => PerMinute(permits));
    });

    private static PartitionedRateLimiter<HttpContext> PerAccount() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        if (Limit(http) is not { } limit || http.User.Account() is not { } account) return RateLimitPartition.GetNoLimiter("");
        var access = http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter($"{limit.Name}|@{account}", _ => PerMinute(access.OrdersPerMinutePerAccount));
    });

    private static FarmRateLimit? Limit(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<FarmRateLimit>();

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0, // refuse at once with Retry-After rather than hold the request open
    };
}
