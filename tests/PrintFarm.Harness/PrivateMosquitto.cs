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
    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts a broker under <paramref name="parentDirectory"/>; extra lines are appended to its config.</summary>
    public static async Task<PrivateMosquitto> StartAsync(string parentDirectory, IEnumerable<string>? extraConfig = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"mosquitto is not installed ({Binary} missing). As root: apt-get install -y mosquitto mosquitto-clients");
        var port = FreePort.Next();
        var directory = Path.Combine(parentDirectory, $"mosquitto-{port}");
        System.IO.Directory.CreateDirectory(directory);
        var broker = new PrivateMosquitto(directory, port);
        await File.WriteAllLinesAsync(broker._config,
        [
            $"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            // A bench publishes far faster than the defaults allow to queue for one client.
            "max_queued_messages 1000000",
            "max_inflight_messages 0",
            .. extraConfig ?? [],
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
