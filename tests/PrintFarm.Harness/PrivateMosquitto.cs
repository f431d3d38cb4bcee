using System.Diagnostics;
using System.Net.Sockets;

namespace PrintFarm.Harness;

/// <summary>
/// A mosquitto of our own on a free loopback port with a generated configuration: the broker
/// users run, not a stand-in. It can be stopped and started again on the same port, which is how
/// the tests prove that ingestion reconnects by itself.
/// </summary>
public sealed class PrivateMosquitto : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";

    private readonly string _config;
    private readonly string _log;
    private Process? _process;

    private PrivateMosquitto(string directory, int port)
    {
        Directory = directory;
        Port = port;
        _config = Path.Combine(directory, "mosquitto.conf");
        _log = Path.Combine(directory, "mosquitto.log");
    }

    public string Directory { get; }

    /// <summary>Where printers connect (with <see cref="StartForFarmAsync"/>: the printers' listener, logins required).</summary>
    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The farm's own listener (silos, links) of a broker started with <see cref="StartForFarmAsync"/>; else <see cref="Port"/>.</summary>
    public int FarmPort { get; private set; }

    /// <summary>The printers' password and ACL files the silos rewrite, and the pid file they send SIGHUP through.</summary>
    public string PasswordFile => Path.Combine(Directory, "printers.passwd");
    public string AclFile => Path.Combine(Directory, "printers.acl");
    public string PidFile => Path.Combine(Directory, "mosquitto.pid");

    /// <summary>
    /// The farm's layout (deploy/mosquitto/printfarm.conf): no anonymous client anywhere; printers
    /// on <see cref="Port"/> with the files the silos write (each printer's client id forced to
    /// its username, so nobody takes a silo's or a link's session); the farm's one account on
    /// <see cref="FarmPort"/>. Give the silos <see cref="SiloSettings"/>.
    /// </summary>
    public static async Task<PrivateMosquitto> StartForFarmAsync(string parentDirectory, string farmUsername, string farmPassword, CancellationToken cancellationToken = default)
    {
        var farmPort = FreePort.Next();
        var directory = Path.Combine(parentDirectory, $"mosquitto-farm-{farmPort}");
        System.IO.Directory.CreateDirectory(directory);
        var farmPasswords = Path.Combine(directory, "farm.passwd");
        await File.WriteAllTextAsync(farmPasswords, $"{farmUsername}:{farmPassword}\n", cancellationToken);
        // mosquitto_passwd -U hashes a file of plain passwords in place: the password is never on a command line.
        using (var hash = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-U", farmPasswords]) { RedirectStandardError = true, RedirectStandardOutput = true })!)
        {
            await hash.WaitForExitAsync(cancellationToken);
            if (hash.ExitCode != 0) throw new InvalidOperationException($"mosquitto_passwd -U failed: {await hash.StandardError.ReadToEndAsync(cancellationToken)}");
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "farm.acl"), $"user {farmUsername}\ntopic readwrite #\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "printers.passwd"), "", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "printers.acl"), "", cancellationToken);
        var broker = await Launch(directory, printerListener =>
        [
            "per_listener_settings true",
            $"listener {printerListener} 127.0.0.1",
            "allow_anonymous false",
            $"password_file {Path.Combine(directory, "printers.passwd")}",
            $"acl_file {Path.Combine(directory, "printers.acl")}",
            "use_username_as_clientid true",
            $"listener {farmPort} 127.0.0.1",
            "allow_anonymous false",
            $"password_file {farmPasswords}",
            $"acl_file {Path.Combine(directory, "farm.acl")}",
        ], [], cancellationToken);
        broker.FarmPort = farmPort;
        return broker;
    }

    /// <summary>What a silo needs to use a broker of <see cref="StartForFarmAsync"/> and keep its printer files.</summary>
    public Dictionary<string, string> SiloSettings(string farmUsername, string farmPassword) => new()
    {
        ["Mqtt:Embedded"] = "false",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = FarmPort.ToString(),
        ["Mqtt:Username"] = farmUsername,
        ["Mqtt:Password"] = farmPassword,
        ["Mosquitto:PasswordFile"] = PasswordFile,
        ["Mosquitto:AclFile"] = AclFile,
        ["Mosquitto:PidFile"] = PidFile,
    };

    /// <summary>Starts a broker under <paramref name="parentDirectory"/>; extra lines are appended to its config.</summary>
    public static async Task<PrivateMosquitto> StartAsync(string parentDirectory, IEnumerable<string>? extraConfig = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"mosquitto is not installed ({Binary} missing). As root: apt-get install -y mosquitto mosquitto-clients");
        var port = FreePort.Next();
        var directory = Path.Combine(parentDirectory, $"mosquitto-{port}");
        System.IO.Directory.CreateDirectory(directory);
        return await Launch(directory, p => [$"listener {p} 127.0.0.1", "allow_anonymous true"], extraConfig ?? [], cancellationToken, port);
    }

    private static async Task<PrivateMosquitto> Launch(string directory, Func<int, string[]> listeners, IEnumerable<string> extraConfig,
        CancellationToken cancellationToken, int? port = null)
    {
        var listenerPort = port ?? FreePort.Next();
        var broker = new PrivateMosquitto(directory, listenerPort);
        broker.FarmPort = listenerPort;
        await File.WriteAllLinesAsync(broker._config,
        [
            .. listeners(listenerPort),
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            // A bench publishes far faster than the defaults allow to queue for one client.
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            .. extraConfig,
        ], cancellationToken);
        await broker.StartAgainAsync(cancellationToken);
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false }) return;
        var start = new ProcessStartInfo(Binary, ["-c", _config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        // The silos reload it (SIGHUP) through this file after rewriting the printers' logins.
        await File.WriteAllTextAsync(PidFile, _process.Id.ToString(), cancellationToken);
        var log = File.AppendText(_log);
        log.AutoFlush = true;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}; see {_log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Stops the broker the way an operator's restart does (SIGTERM), and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Posix.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
