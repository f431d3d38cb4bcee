using System.Net.Http.Json;
using System.Text.Json;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// A farm of real processes on this machine, as `./farm cluster` runs it: a private mosquitto,
/// silo processes, gateway processes and the simulator, each on free loopback ports, with their
/// logs in one folder under the test directory. Storage settings are given by the test. Silos
/// and gateways speak Orleans' mutual TLS, each with its own certificate from a private CA, as
/// `./farm cluster` runs them.
/// </summary>
public sealed class ProcessFarm : IAsyncDisposable
{
    /// <summary>Farms of real processes run one at a time: each is a whole cluster on a 2-core machine.</summary>
    public const string Collection = "Real processes, one farm at a time";

    private readonly Dictionary<string, string> _storage;
    private readonly List<FarmProcess> _silos = [];
    private readonly List<FarmProcess> _gateways = [];
    private readonly List<int> _siloPorts = [];
    private readonly List<int> _gatewayPorts = [];

    private ProcessFarm(string directory, PrivateMosquitto broker, Dictionary<string, string> storage, PrivatePostgres? database = null)
    {
        Directory = directory;
        Broker = broker;
        _storage = storage;
        Database = database;
        Certificates = PrivateCertificateAuthority.Create(directory, "PrintFarm test cluster CA");
    }

    /// <summary>The cluster's private CA: every silo and gateway gets a certificate of its own from it.</summary>
    public PrivateCertificateAuthority Certificates { get; }

    /// <summary>The gateway port of silo <paramref name="index"/>, where Orleans clients connect.</summary>
    public int GatewayPort(int index) => _gatewayPorts[index];

    /// <summary>The storage and cluster settings every silo and gateway of this farm shares.</summary>
    public IReadOnlyDictionary<string, string> SharedSettings => _storage;

    /// <summary>The private PostgreSQL of a farm started with <see cref="StartOnPostgres"/>.</summary>
    public PrivatePostgres? Database { get; }

    public string Directory { get; }
    public PrivateMosquitto Broker { get; }
    public FarmProcess? Simulator { get; private set; }
    public IReadOnlyList<FarmProcess> Silos => _silos;

    /// <summary>The silo-to-silo port of silo <paramref name="index"/>, as the membership table lists it.</summary>
    public int SiloPort(int index) => _siloPorts[index];

    /// <summary>The cluster id this farm's silos and gateways share (PostgreSQL membership).</summary>
    public string? ClusterId => _storage.GetValueOrDefault("Cluster:ClusterId");

    /// <summary>What each gateway process has logged so far.</summary>
    public IEnumerable<string> GatewayLogs() => _gateways.Select(g => g.ReadLog());
    public List<HttpClient> Gateways { get; } = [];

    private static string NewDirectory(string name)
    {
        var root = PrintFarm.Harness.TestFolders.Root;
        var directory = Path.Combine(root, "processes", $"{name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// The production shape: a private PostgreSQL for membership, grain state and reminders,
    /// its schema made by the silo's own `db init`.
    /// </summary>
    public static async Task<ProcessFarm> StartOnPostgres(string name)
    {
        var directory = NewDirectory(name);
        var database = await PrivatePostgres.StartAsync(directory);
        await using (var init = FarmProcess.Start("Silo", "db-init", directory, ["db", "init", "--connection", database.ConnectionString]))
        {
            var exit = await init.WaitForExitAsync(TimeSpan.FromMinutes(2));
            if (exit != 0) throw new InvalidOperationException($"db init exited with {exit}: {init.ReadLog()}");
        }
        var broker = await PrivateMosquitto.StartAsync(directory);
        return new ProcessFarm(directory, broker, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Cluster:Membership"] = "PostgreSql",
            ["Cluster:ClusterId"] = "test-" + Path.GetFileName(directory),
            // Orleans' own failure detection (5 s probes, 3 misses): tighter settings made silos
            // declare each other dead on a loaded CI machine before they had even joined.
        }, database);
    }

    /// <param name="storage">Storage and cluster settings shared by every silo and gateway.</param>
    public static async Task<ProcessFarm> Start(string name, Dictionary<string, string>? storage = null)
    {
        var directory = NewDirectory(name);
        var broker = await PrivateMosquitto.StartAsync(directory);
        storage ??= new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(directory, "farm.db"),
        };
        return new ProcessFarm(directory, broker, storage);
    }

    private IEnumerable<string> Settings(IReadOnlyDictionary<string, string> settings) =>
        settings.Concat(_storage).Select(kv => $"--{kv.Key}={kv.Value}");

    /// <summary>Starts one more silo; the first one also decides the ports of the single-host cluster.</summary>
    /// <param name="settings">More settings for this silo (e.g. Stats:Path), over the farm's own.</param>
    public FarmProcess StartSilo(int? index = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var i = index ?? _silos.Count;
        while (_siloPorts.Count <= i) { _siloPorts.Add(FreePort.Next()); _gatewayPorts.Add(FreePort.Next()); }
        var all = new Dictionary<string, string>
        {
            ["Mqtt:Embedded"] = "false",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = Broker.Port.ToString(),
            ["Cluster:SiloPort"] = _siloPorts[i].ToString(),
            ["Cluster:GatewayPort"] = _gatewayPorts[i].ToString(),
            ["Jobs:PostProcessing"] = "00:00:01",
            ["Jobs:QualityCheck"] = "00:00:01",
            ["Logging:LogLevel:PrintFarm"] = "Information",
        };
        foreach (var (key, value) in Certificates.Issue($"silo-{i}").ClusterSettings) all[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var silo = FarmProcess.Start("Silo", $"silo-{i}", Directory, Settings(all));
        if (i < _silos.Count) _silos[i] = silo; else _silos.Add(silo);
        return silo;
    }

    /// <summary>Starts a gateway process and waits until it reaches the cluster.</summary>
    public async Task<HttpClient> StartGateway()
    {
        var httpPort = FreePort.Next();
        var settings = new Dictionary<string, string>(Certificates.Issue($"gateway-{_gateways.Count}").ClusterSettings)
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Cluster:GatewayPort"] = _gatewayPorts[0].ToString(),
        };
        var gateway = FarmProcess.Start("Gateway", $"gateway-{_gateways.Count}", Directory, Settings(settings));
        _gateways.Add(gateway);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Gateways.Add(http);
        await Eventually.Get(async () =>
        {
            try { return (await http.GetAsync("/healthz")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ok => ok, TimeSpan.FromMinutes(4), $"gateway {_gateways.Count - 1} to reach the cluster (logs in {Directory})");
        return http;
    }

    public FarmProcess StartSimulator(int printers, string materials = "PLA", double failureRate = 0)
    {
        Simulator = FarmProcess.Start("PrinterSimulator", "simulator", Directory,
        [
            "--printers", printers.ToString(), "--broker", Broker.Address, "--failure-rate", failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "7", "--materials", materials, "--id-prefix", "proc-",
        ]);
        return Simulator;
    }

    public async Task<JsonElement> Get(string path, int gateway = 0) =>
        await Gateways[gateway].GetFromJsonAsync<JsonElement>(path, FarmHost.Json);

    public async ValueTask DisposeAsync()
    {
        foreach (var http in Gateways) http.Dispose();
        if (Simulator is not null) await Simulator.DisposeAsync();
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await Broker.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
