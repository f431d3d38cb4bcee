using PrintFarm.Accounts;
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

    private ProcessFarm(string directory, PrivateMosquitto broker, string farmPassword, Dictionary<string, string> storage, PrivatePostgres? database = null)
    {
        Directory = directory;
        Broker = broker;
        _farmPassword = farmPassword;
        _storage = storage;
        Database = database;
        // Written before any silo starts, so the silos of a cluster seed the same accounts.
        AccountsPath = Path.Combine(directory, "accounts.json");
        SeedAccountsFile.Generate("proc").Write(AccountsPath);
        Accounts = SeedAccountsFile.Read(AccountsPath);
        Logins = new PrintFarm.Protocol.PrinterLoginsFile
        {
            Printers = Roster.Select(id => new PrintFarm.Protocol.PrinterLogin { Id = id, Password = PrintFarm.Printers.Access.PrinterPassword.New() }).ToList(),
        };
        LoginsPath = Path.Combine(directory, "printer-logins.json");
        Logins.Write(LoginsPath);
        Certificates = PrivateCertificateAuthority.Create(directory, "PrintFarm test cluster CA");
    }

    /// <summary>
    /// The printers that may log in to this farm's mosquitto (the silos seed them from <see cref="LoginsPath"/>
    /// at start, as <c>./farm cluster</c> does): the simulator's first ten and three outside printers.
    /// </summary>
    public static readonly IReadOnlyList<string> Roster =
        [.. FarmHost.Fleet("proc-", MaxSimulated), "outside-01", "outside-02", "outside-03"];

    private const int MaxSimulated = 10;
    private readonly string _farmPassword;

    public PrintFarm.Protocol.PrinterLoginsFile Logins { get; }
    public string LoginsPath { get; }

    private static Task<PrivateMosquitto> StartBroker(string directory, string farmPassword) =>
        PrivateMosquitto.StartForFarmAsync(directory, FarmHost.FarmUsername, farmPassword);

    /// <summary>The farm's accounts; the gateways' clients send the admin's key.</summary>
    public SeedAccountsFile Accounts { get; }
    public string AccountsPath { get; }


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
        var farmPassword = PrintFarm.Printers.Access.PrinterPassword.New();
        var broker = await StartBroker(directory, farmPassword);
        return new ProcessFarm(directory, broker, farmPassword, new Dictionary<string, string>
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
        var farmPassword = PrintFarm.Printers.Access.PrinterPassword.New();
        var broker = await StartBroker(directory, farmPassword);
        storage ??= new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(directory, "farm.db"),
        };
        return new ProcessFarm(directory, broker, farmPassword, storage);
    }

    private IEnumerable<string> Settings(IReadOnlyDictionary<string, string> settings) =>
        settings.Concat(_storage).Select(kv => $"--{kv.Key}={kv.Value}");

    /// <summary>Starts one more silo; the first one also decides the ports of the single-host cluster.</summary>
    /// <param name="settings">More settings for this silo (e.g. Stats:Path), over the farm's own.</param>
    public FarmProcess StartSilo(int? index = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var i = index ?? _silos.Count;
        while (_siloPorts.Count <= i) { _siloPorts.Add(FreePort.Next()); _gatewayPorts.Add(FreePort.Next()); }
        var all = new Dictionary<string, string>(Broker.SiloSettings(FarmHost.FarmUsername, _farmPassword))
        {
            ["Mqtt:PrinterLoginsFile"] = LoginsPath,
            ["Cluster:SiloPort"] = _siloPorts[i].ToString(),
            ["Cluster:GatewayPort"] = _gatewayPorts[i].ToString(),
            ["Jobs:PostProcessing"] = "00:00:01",
            ["Jobs:QualityCheck"] = "00:00:01",
            ["Logging:LogLevel:PrintFarm"] = "Information",
            ["Accounts:SeedFile"] = AccountsPath,
            ["Notifications:AllowLoopback"] = "true",
            ["Notifications:Email:PickupFolder"] = Path.Combine(Directory, "mail"),
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
            // These tests place orders as fast as they can: the farm is under test, not the limiter.
            ["Access:OrdersPerMinutePerAccount"] = "100000",
            ["Access:OrdersPerMinutePerAddress"] = "100000",
        };
        var gateway = FarmProcess.Start("Gateway", $"gateway-{_gateways.Count}", Directory, Settings(settings));
        _gateways.Add(gateway);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Accounts.Admin.Key);
        Gateways.Add(http);
        await Eventually.Get(async () =>
        {
            try { return (await http.GetAsync("/healthz")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ok => ok, TimeSpan.FromMinutes(4), $"gateway {_gateways.Count - 1} to reach the cluster (logs in {Directory})");
        return http;
    }

    /// <param name="more">More simulator options (dialects, state folder, SD card), after the farm's own.</param>
    public FarmProcess StartSimulator(int printers, string materials = "PLA", double failureRate = 0, IEnumerable<string>? more = null)
    {
        if (printers > MaxSimulated) throw new ArgumentOutOfRangeException(nameof(printers), $"The farm's roster logs in {MaxSimulated} simulated printers.");
        Simulator = FarmProcess.Start("PrinterSimulator", "simulator", Directory,
        [
            "--printers", printers.ToString(), "--broker", Broker.Address, "--failure-rate", failureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "7", "--materials", materials, "--id-prefix", "proc-", "--logins", LoginsPath, .. more ?? [],
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
