using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.FileProviders;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Console.Fleet;
using PrintFarm.Gateway.Console.Live;

namespace PrintFarm.Gateway.Console;

/// <summary>
/// The operator console, <c>/console</c>: server-rendered Razor components behind the cookie
/// sign-in, kept live by console.js over one server-sent event stream per open page. Its moves
/// post forms to endpoints that call the same grain methods as the API, under the same roles.
/// </summary>
public static class ConsoleEndpoints
{
    public const string AssetsPath = "/console/assets";

    /// <summary>Viewers, operators and admins, signed in with the cookie: every page, read-only.</summary>
    public const string Viewer = "console-viewer";
    /// <summary>Operators and admins, signed in: the moves (with the API's printer scope requirement).</summary>
    public const string Operator = "console-operator";
    /// <summary>Admins, signed in: printer registration, as <c>POST /api/printers</c>.</summary>
    public const string Admin = "console-admin";

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FleetBoard>();
        services.AddSingleton<FarmViews>();
        services.AddSingleton<ConsoleSessions>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewer, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(FarmAccess.Staff))
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(FarmAccess.Operators)
                .AddRequirements(new PrinterScopeRequirement()))
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(FarmClaims.RoleName(AccountRole.Admin)));
        return services;
    }

    public static WebApplication MapConsoleAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "PrintFarm.Gateway.Console.Assets"),
            RequestPath = AssetsPath,
        });
        return app;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/console").RequireAuthorization(Viewer).ExcludeFromDescription();
        // Apart from the pages' group, so that each move names one policy: the API's role for it.
        var moves = app.MapGroup("/console").RequireAuthorization(Operator).ExcludeFromDescription();
        var admin = app.MapGroup("/console").RequireAuthorization(Admin).ExcludeFromDescription();
        pages.MapGet("", () => Results.Redirect("/console/fleet"));
        pages.MapGet("/fleet", FleetPages.Page);
        pages.MapGet("/live/fleet", FleetPages.Stream);
        Orders.OrderPages.Map(pages, moves);
        Work.WorkPages.Map(pages, moves);
        Printers.PrinterPages.Map(pages, moves, admin);
        Queue.QueuePages.Map(pages);
        Notifications.NotificationPages.Map(pages, moves);
        return app;
    }
}
