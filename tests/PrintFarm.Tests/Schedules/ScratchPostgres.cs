using System.Diagnostics;

namespace PrintFarm.Tests.Schedules;

/// <summary>
/// A private PostgreSQL for one test class, from Debian's binaries, on a free loopback port, in a
/// folder under the test directory; stopped and removed after. PostgreSQL refuses to run as root,
/// so as root it runs as the <c>printfarm</c> system user (created if missing, as <c>./farm cluster</c> does).
/// </summary>
internal sealed class ScratchPostgres : IAsyncDisposable
{
    private const string User = "printfarm";
    private readonly string _bin;
    private readonly string _folder;

    private ScratchPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=printfarm;Pooling=true";
    private string Data => Path.Combine(_folder, "data");
    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<ScratchPostgres> Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL server binaries are missing (apt-get install postgresql); ./farm test installs them.");
        var root = Environment.GetEnvironmentVariable("FARM_TEST_DIR") ?? Path.Combine(Path.GetTempPath(), "printfarm-tests");
        var folder = Path.Combine(root, $"pg-{Guid.NewGuid():N}"[..11]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            if (await Run("id", [User], asRoot: true) != 0)
            {
                await Must("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", User], asRoot: true);
            }
            await Must("chown", [User, folder], asRoot: true);
        }
        var postgres = new ScratchPostgres(bin, folder, FreePort.Next());
        await Must(Path.Combine(bin, "initdb"), ["-D", postgres.Data, "-U", User, "--auth=trust", "-E", "UTF8"]);
        await Must(Path.Combine(bin, "pg_ctl"), ["-D", postgres.Data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {postgres.Port} -k {folder} -c listen_addresses=127.0.0.1", "start"]);
        await Must(Path.Combine(bin, "createdb"), ["-h", "127.0.0.1", "-p", postgres.Port.ToString(), "-U", User, "printfarm"]);
        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        await Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"]);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task Must(string file, string[] args, bool asRoot = false)
    {
        var code = await Run(file, args, asRoot);
        if (code != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {code}.");
    }

    /// <summary>Runs a command to its end, as the PostgreSQL user when we are root.</summary>
    private static async Task<int> Run(string file, string[] args, bool asRoot = false)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (IsRoot && !asRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", User, "--", file, .. args]) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = file;
            foreach (var a in args) start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, errors);
        if (process.ExitCode != 0) Console.Error.WriteLine($"{file}: {errors.Result}{output.Result}");
        return process.ExitCode;
    }
}
