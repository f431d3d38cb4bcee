using System.Diagnostics;
using System.Net.Sockets;

namespace PrintFarm.Harness;

/// <summary>
/// A PostgreSQL server of our own: initdb into a folder, started with pg_ctl on a free loopback
/// port (its unix socket inside the folder), with one empty database. Debian's binaries
/// (<c>/usr/lib/postgresql/*/bin</c>, the newest version found). It can be stopped and started
/// again on the same port with the same data, which is how tests prove the farm rides out a
/// database restart.
/// <para>
/// PostgreSQL refuses to run as root. When the caller is root, the server runs as the system user
/// <c>printfarm</c> (created with useradd when missing, as <c>./farm cluster</c> does) and the
/// folder is given to that user; otherwise it runs as the caller. Every folder above
/// <paramref name="parentDirectory"/> must be traversable by that user (true under the
/// repository's .farm/).
/// </para>
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    /// <summary>The role that owns everything (trust authentication, loopback only).</summary>
    public const string User = "printfarm";

    public const string DatabaseName = "printfarm";

    private readonly string _bin;
    private readonly string _data;
    private readonly string _log;
    private readonly IReadOnlyList<string> _settings;

    private PrivatePostgres(string bin, string directory, int port, IReadOnlyList<string> settings)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
        _data = Path.Combine(directory, "data");
        _log = Path.Combine(directory, "postgres.log");
        _settings = settings;
    }

    /// <summary>The instance's folder: data/, postgres.log and the unix socket.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>
    /// Npgsql connection string of the database, over TCP on 127.0.0.1. The connect timeout is
    /// generous (30 s): on a loaded 2-core machine a silo's first connection can take over 5 s,
    /// while a stopped server still refuses at once.
    /// </summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Timeout=30;Pooling=true";

    /// <summary>True while the server runs.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>
    /// Creates and starts a server under <paramref name="parentDirectory"/> and creates the
    /// database <see cref="DatabaseName"/>. <paramref name="settings"/> are extra server settings
    /// (<c>name=value</c>, passed as <c>-c</c>).
    /// </summary>
    public static async Task<PrivatePostgres> StartAsync(string parentDirectory, IEnumerable<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries();
        var port = FreePort.Next();
        var directory = Path.Combine(Path.GetFullPath(parentDirectory), $"postgres-{port}");
        System.IO.Directory.CreateDirectory(directory);
        var server = new PrivatePostgres(bin, directory, port, [.. settings ?? []]);
        try
        {
            if (RunsAsRoot)
            {
                await EnsureSystemUser(cancellationToken);
                await Run("chown", ["-R", User, directory], asServerUser: false, cancellationToken);
            }
            await server.RunServerTool("initdb", ["-D", server._data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], cancellationToken);
            await server.StartAgainAsync(cancellationToken);
            await server.RunServerTool("createdb", ["-h", "127.0.0.1", "-p", port.ToString(), "-U", User, DatabaseName], cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port with the same data; waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        // A unix socket path must fit in 107 bytes; in a deep folder the server does without one.
        var socketDirectory = Directory.Length + 20 < 100 ? Directory : "";
        var options = string.Join(' ', new[]
        {
            $"-p {Port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories='{socketDirectory}'",
            "-c max_connections=200", "-c fsync=on",
        }.Concat(_settings.Select(s => $"-c {s}")));
        await RunServerTool("pg_ctl", ["-D", _data, "-l", _log, "-w", "-t", "60", "-o", options, "start"], cancellationToken);
        IsRunning = true;
        await WaitForPort(cancellationToken);
    }

    /// <summary>Stops the server the way an operator's restart does (pg_ctl stop -m fast: clients are disconnected).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning) return;
        await RunServerTool("pg_ctl", ["-D", _data, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        IsRunning = false;
    }

    /// <summary>The server's log so far, for failure messages.</summary>
    public string ReadLog() => File.Exists(_log) ? File.ReadAllText(_log) : "";

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        catch (InvalidOperationException) { /* already gone; the folder goes anyway */ }
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries not found under {root}. As root: apt-get install -y postgresql (./farm test does it).");
    }

    private static async Task EnsureSystemUser(CancellationToken cancellationToken)
    {
        if ((await Run("id", ["-u", User], asServerUser: false, cancellationToken, check: false)).ExitCode == 0) return;
        var result = await Run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", User], asServerUser: false, cancellationToken, check: false);
        // Another test may have created it a moment ago (exit 9: already exists).
        if (result.ExitCode is not (0 or 9)) throw new InvalidOperationException($"useradd {User} failed ({result.ExitCode}): {result.Output}");
    }

    private async Task WaitForPort(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
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

    private Task<(int ExitCode, string Output)> RunServerTool(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Run(Path.Combine(_bin, tool), arguments, asServerUser: true, cancellationToken, logHint: _log);

    private static async Task<(int ExitCode, string Output)> Run(string program, IReadOnlyList<string> arguments, bool asServerUser,
        CancellationToken cancellationToken, bool check = true, string? logHint = null)
    {
        var start = new ProcessStartInfo(asServerUser && RunsAsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user may not read the caller's working directory.
            WorkingDirectory = "/",
        };
        if (asServerUser && RunsAsRoot)
        {
            foreach (var a in new[] { "-u", User, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        // pg_ctl start leaves the server holding its own stdout/stderr only if they are ours;
        // it redirects them to the log (-l), so reading to the end here does not hang.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout + await stderr).Trim();
        if (check && process.ExitCode != 0)
        {
            var hint = logHint is not null && File.Exists(logHint) ? $"\n--- {logHint} ---\n{string.Join('\n', File.ReadLines(logHint).TakeLast(20))}" : "";
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}{hint}");
        }
        return (process.ExitCode, output);
    }
}
