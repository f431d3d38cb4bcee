using System.Diagnostics;

namespace PrintFarm.Harness;

/// <summary>
/// One farm program (silo, gateway, simulator) run as its own OS process from the built dlls, as
/// an operator runs it: configuration by arguments, output to a log file. It can be stopped
/// politely or killed with SIGKILL, which is what a crash test needs and an in-process host
/// cannot give.
/// </summary>
public sealed class FarmProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private FarmProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <param name="program">"Silo", "Gateway" or "PrinterSimulator".</param>
    public static FarmProcess Start(string program, string name, string logDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = FarmBinaries.Dll(program);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = FarmBinaries.RepositoryRoot,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FarmProcess(name, process, log, logPath);
    }

    /// <summary>Waits for a program that ends by itself (db init) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye to the cluster.</summary>
    public async Task KillHard()
    {
        if (_process.HasExited) return;
        Posix.KillHard(_process.Id);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or Ctrl-C stops it; killed if it takes too long.</summary>
    public async Task StopAsync(TimeSpan? patience = null)
    {
        if (_process.HasExited) return;
        Posix.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillHard(); }
    }

    public string ReadLog()
    {
        lock (_log)
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
