using System.Text.Json.Serialization;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Cluster;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

var gatewayPort = builder.Configuration.GetValue("Cluster:GatewayPort", 30000);
builder.UseOrleansClient(client => client
    .UseLocalhostClustering(gatewayPort)
    .UseConnectionRetryFilter<RetryUntilSiloIsUp>());

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<FarmExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthChecks("/healthz");
app.MapOrdersApi();
app.MapFarmApi();
app.MapGet("/", () => Results.Redirect("/api/farm")).ExcludeFromDescription();
app.Run();

/// <summary>Exposed for in-process tests (WebApplicationFactory).</summary>
public partial class Program;
