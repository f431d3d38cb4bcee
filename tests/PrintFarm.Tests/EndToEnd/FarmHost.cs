using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrintFarm.Gateway;
using PrintFarm.Silo;
using PrintFarm.Silo.Telemetry;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// A whole farm in the test process, wired exactly as the real processes are (the same
/// AddPrintFarmSilo / AddPrintFarmGateway): embedded MQTT broker, SQLite file, Orleans silo and
/// the gateway, each on a free loopback port. Start it again on the same database to restart.
/// </summary>
public sealed class FarmHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private IHost? _silo;
    private WebApplication? _gateway;

    private readonly IReadOnlyDictionary<string, string?> _overrides;

    public FarmHost(string? databasePath = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _overrides = settings ?? new Dictionary<string, string?>();
        var root = Environment.GetEnvironmentVariable("FARM_TEST_DIR") ?? Path.Combine(Path.GetTempPath(), "printfarm-tests");
        Directory.CreateDirectory(root);
        DatabasePath = databasePath ?? Path.Combine(root, $"farm-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }
    public int MqttPort { get; private set; }
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress => Http.BaseAddress!;
    public IngressStats Ingress => _silo!.Services.GetRequiredService<IngressStats>();

    public async Task Start()
    {
        MqttPort = FreePort.Next();
        int siloPort = FreePort.Next(), gatewayPort = FreePort.Next(), httpPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = DatabasePath,
            ["Mqtt:Port"] = MqttPort.ToString(),
            ["Mqtt:ClientId"] = $"silo-{siloPort}",
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Jobs:PostProcessing"] = "00:00:01",
            ["Jobs:QualityCheck"] = "00:00:01",
            ["Printers:OfflineAfter"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PrintFarm"] = "Warning",
        };
        foreach (var (key, value) in _overrides) settings[key] = value;
        if (Environment.GetEnvironmentVariable("FARM_TEST_LOGS") == "1")
        {
            settings["Logging:LogLevel:Default"] = "Information";
            settings["Logging:LogLevel:PrintFarm"] = "Debug";
            settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        }

        var silo = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        silo.Configuration.AddInMemoryCollection(settings);
        silo.Logging.AddConfiguration(silo.Configuration.GetSection("Logging")).AddSimpleConsole();
        silo.AddPrintFarmSilo();
        _silo = silo.Build();
        await _silo.StartAsync();

        var gateway = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        gateway.Configuration.AddInMemoryCollection(settings);
        gateway.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("FARM_TEST_LOGS") == "1") gateway.Logging.AddConfiguration(gateway.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);
        gateway.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        gateway.AddPrintFarmGateway();
        _gateway = gateway.Build();
        _gateway.MapPrintFarmGateway();
        await _gateway.StartAsync();

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        await Eventually.Get(async () => (await Http.GetAsync("/healthz")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(30), "the gateway to reach the silo");
    }

    public async Task Stop()
    {
        Http?.Dispose();
        if (_gateway is not null) { await _gateway.StopAsync(); await _gateway.DisposeAsync(); _gateway = null; }
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); _silo = null; }
    }

    public async Task<T> Get<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, Json)) ?? throw new InvalidOperationException($"GET {path} returned nothing.");

    public async ValueTask DisposeAsync() => await Stop();
}
