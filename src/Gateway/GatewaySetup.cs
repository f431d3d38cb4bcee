using System.Text.Json.Serialization;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Api.Sculpteo;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Gateway.Console;
using PrintFarm.Gateway.Metrics;
using PrintFarm.Gateway.Security;
using PrintFarm.Gateway.Tracking;

namespace PrintFarm.Gateway;

/// <summary>The gateway's wiring, shared by Program and the tests that host it.</summary>
public static class GatewaySetup
{
    public static WebApplicationBuilder AddPrintFarmGateway(this WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client => client
            .UseFarmClustering(builder.Configuration)
            .UseConnectionRetryFilter<RetryUntilSiloIsUp>());

        // Database failures from the silos arrive as the driver's exception (see the silo's
        // wiring); the exception handler turns them into 503.
        builder.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Live.OrderFeed>();
        builder.Services.AddOptions<Orleans.Configuration.ClientMessagingOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<GatewayOptions>>((messaging, gateway) => messaging.ResponseTimeout = gateway.Value.CallPatience);
        builder.Services.AddSingleton<FirstHopRetry>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<FarmExceptionHandler>();
        builder.Services.AddOpenApi(ApiDocs.Describe);
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        builder.Services.AddTracking();
        builder.Services.AddConsole(builder.Configuration);
        builder.Services.AddFarmAccess(builder.Configuration);
        builder.Services.AddGatewayDataProtection();
        builder.AddGatewaySecurity();
        builder.AddFarmMetrics();
        return builder;
    }

    public static WebApplication MapPrintFarmGateway(this WebApplication app)
    {
        app.UseGatewaySecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseGatewayRequestRules();
        app.MapTracking(); // its static files come before authorization: they are public
        app.MapConsoleAssets(); // the console's script and stylesheet hold nothing of the farm's
        app.UseFarmAccess();
        app.MapApiDocs(); // /openapi/v1.json and /api/docs, both public
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapSignIn();
        app.MapAccountsApi();
        app.MapOrdersApi();
        app.MapOrderMessagesApi();
        app.MapOrderExportsApi();
        app.MapDesignsApi();
        app.MapSculpteoApi();
        app.MapPrintersApi();
        app.MapPrinterCredentialsApi();
        app.MapJobsApi();
        app.MapFarmApi();
        app.MapMaintenanceApi();
        app.MapNotificationsApi();
        app.MapConsole();
        app.MapFarmMetrics(); // /metrics, for viewers
        app.MapGet("/", () => Results.Redirect("/account")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
