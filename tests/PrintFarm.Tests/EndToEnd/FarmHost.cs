using PrintFarm.Accounts;
using PrintFarm.Printers;
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
using MQTTnet;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// A whole farm in the test process, wired exactly as the real processes are (the same
/// AddPrintFarmSilo / AddPrintFarmGateway): embedded MQTT broker, SQLite file, Orleans silo and
/// the gateway, each on a free loopback port. Start it again on the same database to restart.
/// <see cref="OnPostgres"/> runs it as a cluster does instead: PostgreSQL storage, membership and
/// reminders, with more silos (<see cref="AddSilo"/>) and gateways (<see cref="AddGateway"/>).
/// </summary>
public sealed class FarmHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private IHost? _silo;
    private WebApplication? _gateway;
    private readonly List<IHost> _extraSilos = [];
    private readonly List<(WebApplication App, HttpClient Http)> _extraGateways = [];
    private Dictionary<string, string?> _settings = [];

    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly Action<IServiceCollection>? _siloServices;

    /// <param name="siloServices">Extra services for the silos (a grain call filter standing in for a dead silo).</param>
    /// <param name="printers">
    /// The printers that may log in to the farm's broker: each gets a password in a logins file
    /// the silo seeds its credentials from at start, as <c>./farm demo</c> does (see <see cref="Logins"/>).
    /// </param>
    public FarmHost(string? databasePath = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? siloServices = null,
        IEnumerable<string>? printers = null)
    {
        _overrides = settings ?? new Dictionary<string, string?>();
        _siloServices = siloServices;
        FarmPassword = _overrides.GetValueOrDefault("Mqtt:Password") ?? PrintFarm.Printers.Access.PrinterPassword.New();
        var root = PrintFarm.Harness.TestFolders.Root;
        Directory.CreateDirectory(root);
        DatabasePath = databasePath ?? Path.Combine(root, $"farm-{Guid.NewGuid():N}.db");
        // Written before the farm starts, so every silo of a cluster seeds the same accounts; a
        // farm restarted on the same database keeps the same keys.
        AccountsPath = DatabasePath + ".accounts.json";
        if (!File.Exists(AccountsPath)) SeedAccountsFile.Generate("test").Write(AccountsPath);
        Accounts = SeedAccountsFile.Read(AccountsPath);
        Logins = new PrinterLoginsFile
        {
            Printers = (printers ?? []).Select(id => new PrinterLogin { Id = id, Password = PrintFarm.Printers.Access.PrinterPassword.New() }).ToList(),
        };
        LoginsPath = Path.Combine(root, $"logins-{Guid.NewGuid():N}.json");
        Logins.Write(LoginsPath);
    }

    /// <summary>The farm's admin, operator, viewer and customer, with their keys. <see cref="Http"/> uses the admin's.</summary>
    public SeedAccountsFile Accounts { get; }
    public string AccountsPath { get; }

    /// <summary>A client of the first gateway that sends <paramref name="key"/> (or no key at all).</summary>
    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>The ids of a simulated fleet (<c>e2e-001</c>…), to give <see cref="FarmHost"/> their logins.</summary>
    public static IEnumerable<string> Fleet(string prefix, int count) =>
        Enumerable.Range(1, count).Select(n => PrintFarm.PrinterSimulator.FleetRoster.PrinterId(prefix, n));

    /// <summary>The printers' logins; give them to the simulator (<c>SimulatorOptions.Logins</c>).</summary>
    public PrinterLoginsFile Logins { get; }
    public string LoginsPath { get; }

    /// <summary>The farm's own broker account (silos and links): full access. Tests use it only to play the farm or a source no printer may be.</summary>
    public const string FarmUsername = "printfarm-silo";
    public string FarmPassword { get; }

    /// <summary>A client that logs in as printer <paramref name="printerId"/> (its client id is its printer id).</summary>
    public MqttClientOptionsBuilder PrinterClient(string printerId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", MqttPort).WithClientId(printerId)
        .WithCredentials(printerId, Logins.PasswordOf(printerId) ?? throw new InvalidOperationException($"Printer {printerId} was not given to the FarmHost."));

    /// <summary>A client with the farm's own account.</summary>
    public MqttClientOptionsBuilder FarmClient(string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", MqttPort).WithClientId(clientId).WithCredentials(FarmUsername, FarmPassword);

    /// <summary>
    /// A farm on PostgreSQL: grain storage, ADO.NET membership and reminders in the database of
    /// <paramref name="connectionString"/>; the schema is applied at start (Storage:CreateSchema).
    /// </summary>
    public static FarmHost OnPostgres(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, IEnumerable<string>? printers = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:CreateSchema"] = "true",
            ["Cluster:Membership"] = "PostgreSql",
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}"[..13],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new FarmHost(settings: all, printers: printers);
    }

    public string DatabasePath { get; }
    public int MqttPort { get; private set; }
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress => Http.BaseAddress!;
    /// <summary>The first gateway's services (its endpoint list, for the access matrix).</summary>
    public IServiceProvider GatewayServices => _gateway!.Services;

    /// <summary>When set before <see cref="Start"/>, every silo and gateway also logs here, at every level.</summary>
    public ILoggerProvider? Logs { get; init; }

    public IngressStats Ingress => _silo!.Services.GetRequiredService<IngressStats>();
    /// <summary>The first silo's services (another silo's are its <see cref="IHost.Services"/>).</summary>
    public IServiceProvider SiloServices => _silo!.Services;

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
            ["Mqtt:Username"] = FarmUsername,
            ["Mqtt:Password"] = FarmPassword,
            ["Mqtt:PrinterLoginsFile"] = LoginsPath,
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Jobs:PostProcessing"] = "00:00:01",
            ["Jobs:QualityCheck"] = "00:00:01",
            ["Printers:OfflineAfter"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PrintFarm"] = "Warning",
            ["Accounts:SeedFile"] = AccountsPath,
            ["Notifications:AllowLoopback"] = "true",
            ["Notifications:Email:PickupFolder"] = DatabasePath + ".mail",
            // The farm's behaviour is under test here, not the limiter (AccessTests tries it).
            ["Access:OrdersPerMinutePerAccount"] = "100000",
            ["Access:OrdersPerMinutePerAddress"] = "100000",
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
        _settings = settings;
        _silo = await StartSilo(settings);
        (_gateway, Http) = await StartGateway(settings, httpPort);
    }

    /// <summary>
    /// One more silo in this process (PostgreSQL membership only): it joins the cluster and
    /// uses the first silo's embedded broker.
    /// </summary>
    public async Task<IHost> AddSilo()
    {
        int siloPort = FreePort.Next(), gatewayPort = FreePort.Next();
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Mqtt:Embedded"] = "false",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:ClientId"] = $"silo-{siloPort}",
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
        };
        var silo = await StartSilo(settings);
        _extraSilos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo started by <see cref="AddSilo"/> (a graceful shutdown: it leaves the cluster).</summary>
    public async Task StopSilo(IHost silo)
    {
        _extraSilos.Remove(silo);
        await silo.StopAsync();
        silo.Dispose();
    }

    /// <summary>
    /// One more gateway; with PostgreSQL membership it finds the silos in the database. Its own
    /// <paramref name="contentRoot"/> makes it as unlike the first as a gateway on another machine.
    /// </summary>
    public async Task<HttpClient> AddGateway(string? contentRoot = null)
    {
        var gateway = await StartGateway(_settings, FreePort.Next(), contentRoot);
        _extraGateways.Add(gateway);
        return gateway.Http;
    }

    private async Task<IHost> StartSilo(Dictionary<string, string?> settings)
    {
        var silo = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        silo.Configuration.AddInMemoryCollection(settings);
        silo.Logging.AddConfiguration(silo.Configuration.GetSection("Logging")).AddSimpleConsole();
        if (Logs is not null) silo.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        silo.AddPrintFarmSilo();
        _siloServices?.Invoke(silo.Services);
        var host = silo.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<(WebApplication App, HttpClient Http)> StartGateway(Dictionary<string, string?> settings, int httpPort, string? contentRoot = null)
    {
        var gateway = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test", ContentRootPath = contentRoot });
        gateway.Configuration.AddInMemoryCollection(settings);
        gateway.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("FARM_TEST_LOGS") == "1") gateway.Logging.AddConfiguration(gateway.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);
        if (Logs is not null) gateway.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        gateway.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        gateway.AddPrintFarmGateway();
        var app = gateway.Build();
        app.MapPrintFarmGateway();
        await app.StartAsync();

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Accounts.Admin.Key);
        await Eventually.Get(async () => (await http.GetAsync("/healthz")).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60), "the gateway to reach the silo");
        return (app, http);
    }

    public async Task Stop()
    {
        foreach (var (app, http) in _extraGateways) { http.Dispose(); await app.StopAsync(); await app.DisposeAsync(); }
        _extraGateways.Clear();
        Http?.Dispose();
        if (_gateway is not null) { await _gateway.StopAsync(); await _gateway.DisposeAsync(); _gateway = null; }
        foreach (var silo in _extraSilos) { await silo.StopAsync(); silo.Dispose(); }
        _extraSilos.Clear();
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); _silo = null; }
    }

    public async Task<T> Get<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, Json)) ?? throw new InvalidOperationException($"GET {path} returned nothing.");

    public async ValueTask DisposeAsync() => await Stop();
}
