using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Access;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Writes mosquitto's printer password and ACL files from the farm's credentials (each through
/// a temporary file and a rename, so mosquitto never reads half of one) and reloads mosquitto.
/// Every silo of a cluster may do it: the files come out the same.
/// </summary>
public sealed partial class MosquittoFiles(IOptions<MosquittoFilesOptions> options, ILogger<MosquittoFiles> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _written;

    public bool Enabled => options.Value.Enabled;

    /// <summary>Rewrites the files when they would change (or <paramref name="force"/>), then sends SIGHUP.</summary>
    public async Task Write(BrokerAccounts accounts, Func<string, Task<PrinterTopics>> topicsOf, bool force, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var topics = new List<PrinterTopics>(accounts.Printers.Count);
            foreach (var account in accounts.Printers) topics.Add(await topicsOf(account.PrinterId));
            var acl = MosquittoAccessFiles.PrinterAclFile(topics);
            var passwords = MosquittoAccessFiles.PasswordFile(accounts.Printers.Select(a => (a.PrinterId, a.Hash)));
            // Registrations move a printer's topics without a new credentials version: compare what would be written.
            if (!force && _written == acl + passwords) return;
            await Replace(o.AclFile!, acl, cancellationToken);
            await Replace(o.PasswordFile!, passwords, cancellationToken);
            _written = acl + passwords;
            LogWritten(accounts.Printers.Count, accounts.Version);
            Reload(o.PidFile);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task Replace(string path, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        // mosquitto reads them as its own user (it drops root): the new file keeps the mode the
        // operator gave the old one (0640 in a setgid mosquitto folder, see deploy/mosquitto), 0644 if new.
        var mode = OperatingSystem.IsWindows() ? (UnixFileMode?)null
            : File.Exists(path) ? File.GetUnixFileMode(path)
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        await using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = mode,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        File.Move(temp, path, overwrite: true);
    }

    private void Reload(string? pidFile)
    {
        if (string.IsNullOrWhiteSpace(pidFile)) return;
        try
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || pid <= 1)
            {
                LogNoPid(pidFile);
                return;
            }
            if (kill(pid, SigHup) != 0) LogReloadFailed(pid, Marshal.GetLastPInvokeError());
        }
        catch (IOException ex)
        {
            LogReloadFailed(0, ex.HResult);
        }
    }

    private const int SigHup = 1;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote mosquitto's printer files: {Printers} printers (credentials version {Version})")]
    private partial void LogWritten(int printers, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No mosquitto pid in {PidFile}; reload mosquitto yourself")]
    private partial void LogNoPid(string pidFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send SIGHUP to mosquitto (pid {Pid}, error {Error}); reload it yourself")]
    private partial void LogReloadFailed(int pid, int error);
}
