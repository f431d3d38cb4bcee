using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PrintFarm.Harness;

/// <summary>
/// A vsftpd of our own, set up like a Bambu Lab printer's FTPS: implicit TLS on a free loopback
/// port, protected data connections that must resume the control connection's TLS session,
/// user <c>bblp</c> with a password (the "access code"), a certificate whose CN is a serial.
/// </summary>
/// <remarks>
/// <para>
/// The login is a real user/password check, without a system account: vsftpd takes
/// <c>bblp</c> as a virtual user (guest_enable, mapped onto the <c>ftp</c> user the vsftpd
/// package creates) and asks PAM, whose service <see cref="PamService"/> is one line of
/// pam_userdb reading <c>vsftpd-logins.db</c> by a <em>relative</em> path. vsftpd checks logins
/// in its privileged process, which stays in the folder it was started in, so each instance
/// reads the logins of its own folder, and runs in parallel do not meet. The one thing this
/// leaves on the machine is that PAM file (written when missing, as root; its comment says what
/// it is); no account, no password, no service.
/// </para>
/// <para>
/// vsftpd only runs as root (PAM, chroot); <c>./farm test</c> in CI does. Its log and output go
/// to files in its folder. A vsftpd left by a killed test run is stopped by the next start
/// under the same folder; it could not get in the way anyway, as ports are fresh every time.
/// </para>
/// </remarks>
public sealed class PrivateVsftpd : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/vsftpd";
    public const string DbLoad = "/usr/bin/db_load";
    public const string PamService = "printfarm-ftps-test";
    public const string PamFile = "/etc/pam.d/" + PamService;
    /// <summary>The local user uploads belong to: the vsftpd package's own, already unprivileged.</summary>
    public const string FilesOwner = "ftp";
    private const string LoginsDatabase = "vsftpd-logins"; // pam_userdb adds ".db"
    private const int PassivePorts = 10;

    private static readonly string PamText =
        "# Written by PrintFarm's tests (tests/PrintFarm.Harness/PrivateVsftpd.cs) for the private vsftpd they\n" +
        "# start on loopback. The logins database is found relative to that vsftpd's working directory, a\n" +
        "# folder under the test run's own; nothing else uses this service. Safe to delete.\n" +
        $"auth required pam_userdb.so db={LoginsDatabase}\n" +
        "account required pam_permit.so\n";

    private readonly Process _process;

    private PrivateVsftpd(string directory, int port, string serial, string password, IssuedCertificate certificate, Process process)
    {
        Directory = directory;
        Port = port;
        Serial = serial;
        Password = password;
        Certificate = certificate;
        _process = process;
    }

    public string Directory { get; }
    public int Port { get; }
    public string Host => "127.0.0.1";

    /// <summary>The printer's serial: the CN of its certificate, the TLS name to connect with.</summary>
    public string Serial { get; }
    public string User => "bblp";

    /// <summary>The "LAN access code", fresh per instance.</summary>
    public string Password { get; }

    /// <summary>The printer's SD card: where uploads land. A remote path /x is the file x in here.</summary>
    public string SdCard => Path.Combine(Directory, "sdcard");

    /// <summary>The CA that issued the server certificate (PEM): what a client must trust.</summary>
    public string CaPath => Certificate.CaPath;
    public IssuedCertificate Certificate { get; }
    public string LogPath => Path.Combine(Directory, "vsftpd.log");

    /// <param name="serial">
    /// The certificate's CN. By default a fresh fake one (01P00A and nine digits): .NET keeps one
    /// TLS session per name, so two servers under one name (two test classes in parallel) would
    /// be offered each other's sessions, which they cannot resume. Real printers differ by serial too.
    /// </param>
    /// <param name="certificate">The server's certificate (CN = <paramref name="serial"/>); by default one from a private CA of its own.</param>
    /// <param name="password">bblp's password, the printer's access code; random by default.</param>
    public static async Task<PrivateVsftpd> StartAsync(string parentDirectory, string? serial = null, CancellationToken cancellationToken = default,
        IssuedCertificate? certificate = null, string? password = null)
    {
        serial ??= "01P00A" + RandomNumberGenerator.GetInt32(1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        CheckMachine();
        System.IO.Directory.CreateDirectory(parentDirectory);
        StopLeftovers(parentDirectory);

        var port = FreePort.Next();
        var passive = FreePort.NextRange(PassivePorts);
        var directory = Path.Combine(parentDirectory, $"vsftpd-{port}");
        System.IO.Directory.CreateDirectory(directory);
        // The pre-login process chroots here: empty, and not writable by the ftp user.
        var empty = System.IO.Directory.CreateDirectory(Path.Combine(directory, "empty")).FullName;
        File.SetUnixFileMode(empty, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // Uploads are written as the ftp user; the test (root) reads and cleans them up.
        var sdCard = System.IO.Directory.CreateDirectory(Path.Combine(directory, "sdcard")).FullName;
        File.SetUnixFileMode(sdCard, (UnixFileMode)Convert.ToInt32("777", 8));

        certificate ??= PrivateCertificateAuthority.Create(directory, "Private Bambu-like CA").IssueNamedByCommonNameOnly(serial);
        password ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        await WriteLoginsAsync(directory, "bblp", password, cancellationToken);

        var config = Path.Combine(directory, "vsftpd.conf");
        // No spaces around '=': vsftpd takes them as part of the name or value.
        await File.WriteAllLinesAsync(config,
        [
            "listen=YES",
            "listen_ipv6=NO",
            "listen_address=127.0.0.1",
            $"listen_port={port}",
            "background=NO",
            // Its seccomp filter kills children on syscalls newer libcs make (500 OOPS: child died).
            "seccomp_sandbox=NO",
            $"secure_chroot_dir={empty}",
            "anonymous_enable=NO",
            "local_enable=YES",
            "write_enable=YES",
            "local_umask=022",
            "guest_enable=YES",
            $"guest_username={FilesOwner}",
            "virtual_use_local_privs=YES",
            $"pam_service_name={PamService}",
            // A printer's "/" is its card: chroot the login into the folder, which it may write.
            $"local_root={sdCard}",
            "chroot_local_user=YES",
            "allow_writeable_chroot=YES",
            "ssl_enable=YES",
            "implicit_ssl=YES",
            "require_ssl_reuse=YES",
            "force_local_logins_ssl=YES",
            "force_local_data_ssl=YES",
            "ssl_ciphers=HIGH",
            $"rsa_cert_file={certificate.CertificatePath}",
            $"rsa_private_key_file={certificate.KeyPath}",
            "pasv_enable=YES",
            $"pasv_min_port={passive}",
            $"pasv_max_port={passive + PassivePorts - 1}",
            "pasv_address=127.0.0.1",
            "port_enable=NO",
            $"vsftpd_log_file={Path.Combine(directory, "vsftpd.log")}",
            "xferlog_enable=YES",
            "xferlog_std_format=NO",
            // vsftpd writes "PASS <password>", never the password itself.
            "log_ftp_protocol=YES",
        ], cancellationToken);

        var start = new ProcessStartInfo(Binary, [config])
        {
            // The PAM service finds the logins relative to this: see the remarks.
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("vsftpd did not start.");
        await File.WriteAllTextAsync(Path.Combine(directory, "vsftpd.pid"), $"{process.Id} {Environment.ProcessId}", cancellationToken);
        var output = File.AppendText(Path.Combine(directory, "vsftpd.out.log"));
        output.AutoFlush = true;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new PrivateVsftpd(directory, port, serial, password, certificate, process);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"vsftpd exited with {process.ExitCode}; see {Path.Combine(directory, "vsftpd.out.log")}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>The file a remote path on the card landed as.</summary>
    public string OnCard(string remotePath) => Path.Combine(SdCard, remotePath.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Let the per-connection processes end first: orphaned, they would be left as
            // zombies under an init that does not reap (containers, sandboxes).
            var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
            for (var wait = 0; wait < 60 && File.Exists(children) && File.ReadAllText(children).Trim().Length > 0; wait++)
                await Task.Delay(50);
            Posix.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
        }
        _process.Dispose();
        File.Delete(Path.Combine(Directory, "vsftpd.pid"));
    }

    private static void CheckMachine()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"vsftpd is not installed ({Binary} missing). As root: apt-get install -y vsftpd");
        if (!File.Exists(DbLoad))
            throw new InvalidOperationException($"db_load is not installed ({DbLoad} missing); the private vsftpd's logins need it. As root: apt-get install -y db-util");
        if (!new[] { "/lib", "/usr/lib", "/lib64", "/usr/lib64" }.Any(root => System.IO.Directory.Exists(root)
                && System.IO.Directory.EnumerateFiles(root, "pam_userdb.so", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true }).Any()))
            throw new InvalidOperationException("pam_userdb.so is missing; the private vsftpd's logins need it. As root: apt-get install -y libpam-modules");
        if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith(FilesOwner + ":", StringComparison.Ordinal)))
            throw new InvalidOperationException($"the user {FilesOwner}, which the vsftpd package creates, is missing. As root: apt-get install --reinstall -y vsftpd");
        if (Environment.UserName != "root")
            throw new InvalidOperationException("the private vsftpd must be started as root (it checks logins with PAM and chroots each login). Run the FTPS tests as root, as ./farm test does in CI.");
        if (!File.Exists(PamFile) || File.ReadAllText(PamFile) != PamText)
            File.WriteAllText(PamFile, PamText);
    }

    private static async Task WriteLoginsAsync(string directory, string user, string password, CancellationToken cancellationToken)
    {
        // db_load -T reads "key\nvalue\n" pairs; the plain file lives only until the database is made.
        var plain = Path.Combine(directory, "logins.txt");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var writer = new StreamWriter(plain, options))
            await writer.WriteAsync($"{user}\n{password}\n");
        try
        {
            using var load = Process.Start(new ProcessStartInfo(DbLoad, ["-T", "-t", "hash", "-f", plain, LoginsDatabase + ".db"])
            { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
            await load.WaitForExitAsync(cancellationToken);
            if (load.ExitCode != 0) throw new InvalidOperationException($"db_load failed: {await load.StandardError.ReadToEndAsync(cancellationToken)}");
        }
        finally
        {
            File.Delete(plain);
        }
    }

    /// <summary>Stops a vsftpd whose test process is gone (killed before it could dispose it).</summary>
    private static void StopLeftovers(string parentDirectory)
    {
        foreach (var pidFile in System.IO.Directory.EnumerateFiles(parentDirectory, "vsftpd.pid", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }))
        {
            var parts = File.ReadAllText(pidFile).Split(' ');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var server) || !int.TryParse(parts[1], out var owner)) continue;
            if (System.IO.Directory.Exists($"/proc/{owner}")) continue;
            var config = Path.Combine(Path.GetDirectoryName(pidFile)!, "vsftpd.conf");
            try
            {
                // Only the vsftpd started with that folder's config: the pid may have been reused.
                if (File.ReadAllText($"/proc/{server}/cmdline").Contains(config, StringComparison.Ordinal)) Posix.KillHard(server);
            }
            catch (IOException) { }
            File.Delete(pidFile);
        }
    }
}
