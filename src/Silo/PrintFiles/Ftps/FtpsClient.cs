using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrintFarm.Silo.PrintFiles.Ftps;

/// <summary>
/// The few implicit-FTPS commands the farm needs to put a print file on a Bambu Lab printer:
/// log in, store, check the size, delete. Operations on one client run one at a time (callers
/// are queued). After a network, TLS or timeout failure the connection is given up: the client
/// refuses further calls and the caller connects again, rather than guessing where the
/// conversation stood.
/// </summary>
public sealed class FtpsClient : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxLineLength = 8 * 1024;
    private const int MaxReplyLines = 500;
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);
    // After a data connection fails the server often says why on the control connection; wait
    // briefly for that, not a whole Timeout.
    private static readonly TimeSpan ExplanationTimeout = TimeSpan.FromSeconds(3);

    private readonly FtpsEndpoint _endpoint;
    private readonly Socket _socket;
    private readonly SslStream _control;
    private readonly IPAddress _remoteAddress;
    private readonly SslClientAuthenticationOptions _dataTls;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _readBuffer = new byte[4096];
    private int _readStart;
    private int _readEnd;
    private bool _extendedPassiveRefused;
    private string? _givenUpBecause;
    private int _disposed;

    private FtpsClient(FtpsEndpoint endpoint, Socket socket, SslStream control, SslClientAuthenticationOptions dataTls, ILogger logger)
    {
        _endpoint = endpoint;
        _socket = socket;
        _control = control;
        _remoteAddress = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        _dataTls = dataTls;
        _logger = logger;
    }

    /// <summary>The TLS version the control connection negotiated.</summary>
    public SslProtocols Protocol => _control.SslProtocol;

    /// <summary>The TLS version of the last upload's data connection (none before the first).</summary>
    public SslProtocols DataProtocol { get; private set; }

    private string Name => _endpoint.ToString();

    /// <summary>
    /// Connects with TLS from the first byte (implicit FTPS), reads the greeting, logs in and
    /// asks for protected (PBSZ 0, PROT P), binary (TYPE I) transfers.
    /// </summary>
    /// <exception cref="FtpsException">Unreachable, certificate refused, login refused, or a reply out of turn.</exception>
    public static Task<FtpsClient> ConnectAsync(FtpsEndpoint endpoint, CancellationToken cancellationToken) =>
        ConnectAsync(endpoint, NullLogger.Instance, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(FtpsEndpoint, CancellationToken)"/>
    public static Task<FtpsClient> ConnectAsync(FtpsEndpoint endpoint, ILogger logger, CancellationToken cancellationToken) =>
        ConnectAsync(endpoint, logger, resumeDataSessions: true, cancellationToken);

    /// <param name="resumeDataSessions">
    /// False only in the test that proves the server really insists on resumption: data
    /// connections then do a full handshake, which vsftpd with require_ssl_reuse must refuse.
    /// </param>
    internal static async Task<FtpsClient> ConnectAsync(FtpsEndpoint endpoint, ILogger logger, bool resumeDataSessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(logger);
        // One options object for the control and every data connection: .NET (7 and later, also
        // on Linux) caches a client's TLS session per target host and these options, so a data
        // connection made with the same ones offers the control connection's session, which is
        // what the printers (vsftpd's require_ssl_reuse) demand.
        var tls = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.TargetHost,
            RemoteCertificateValidationCallback = endpoint.CertificateCheck,
            EnabledSslProtocols = endpoint.SslProtocols,
            // Printers' certificates come from Bambu's CA, which publishes no revocation list a printer on a LAN could reach.
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        var dataTls = resumeDataSessions ? tls : new SslClientAuthenticationOptions
        {
            TargetHost = tls.TargetHost,
            RemoteCertificateValidationCallback = tls.RemoteCertificateValidationCallback,
            EnabledSslProtocols = tls.EnabledSslProtocols,
            CertificateRevocationCheckMode = tls.CertificateRevocationCheckMode,
            AllowTlsResume = false,
        };

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? control = null;
        FtpsClient? client = null;
        try
        {
            using (var timeout = Deadline(endpoint.Timeout, cancellationToken))
            {
                try
                {
                    await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
                }
                catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    throw new FtpsException($"could not connect to {endpoint.Host}:{endpoint.Port}: {(e is SocketException s ? s.Message : "no answer within " + endpoint.Timeout)}", null, e);
                }
                control = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
                try
                {
                    await control.AuthenticateAsClientAsync(tls, timeout.Token);
                }
                catch (AuthenticationException e)
                {
                    throw new FtpsException($"the TLS handshake with {endpoint.Host}:{endpoint.Port} failed, its certificate was not accepted for {endpoint.TargetHost} or no TLS version is shared: {e.Message}", null, e);
                }
                catch (Exception e) when (e is IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    throw new FtpsException($"the TLS handshake with {endpoint.Host}:{endpoint.Port} did not complete: {(e is IOException ? e.Message : "no answer within " + endpoint.Timeout)}", null, e);
                }
            }
            client = new FtpsClient(endpoint, socket, control, dataTls, logger);
            await client.LogInAsync(cancellationToken);
            FtpsLog.LoggedIn(logger, client.Name, control.SslProtocol.ToString());
            return client;
        }
        catch
        {
            if (client is not null) client.GiveUp("login failed");
            control?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores <paramref name="content"/> (read to its end, in chunks) as <paramref name="remotePath"/>
    /// over a passive, TLS-protected data connection that resumes the control connection's TLS
    /// session, then checks with SIZE that the printer holds every byte.
    /// </summary>
    /// <exception cref="FtpsException">Refused, cut off, or the stored size differs from what was sent.</exception>
    public async Task StoreAsync(string remotePath, Stream content, CancellationToken cancellationToken)
    {
        CheckPath(remotePath);
        ArgumentNullException.ThrowIfNull(content);
        await RunAsync($"storing {remotePath}", async ct =>
        {
            var port = await PassiveAsync(ct);
            using var dataSocket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var timeout = Deadline(_endpoint.Timeout, ct))
                await dataSocket.ConnectAsync(new IPEndPoint(_remoteAddress, port), timeout.Token);

            var start = await CommandAsync($"STOR {remotePath}", ct);
            if (!start.IsPreliminary)
                throw Refused($"the printer refused to store {remotePath}", start);

            long sent = 0;
            var handshakeDone = false;
            await using (var data = new SslStream(new NetworkStream(dataSocket, ownsSocket: false), leaveInnerStreamOpen: false))
            {
                try
                {
                    using (var timeout = Deadline(_endpoint.Timeout, ct))
                        await data.AuthenticateAsClientAsync(_dataTls, timeout.Token);
                    DataProtocol = data.SslProtocol;
                    handshakeDone = true;
                    var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    try
                    {
                        using var progress = Deadline(_endpoint.Timeout, ct);
                        int read;
                        while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
                        {
                            // The deadline is per chunk: a big file on a slow printer may take long, a stalled one may not.
                            progress.CancelAfter(_endpoint.Timeout);
                            await data.WriteAsync(buffer.AsMemory(0, read), progress.Token);
                            sent += read;
                        }
                        // close_notify: the upload ends inside TLS, so the server can tell an end from a cut.
                        progress.CancelAfter(_endpoint.Timeout);
                        await data.ShutdownAsync().WaitAsync(progress.Token);
                        // Then wait for the server to close its side. Closing first would lose the
                        // upload's tail: over TLS 1.3 the server sends session tickets after the
                        // handshake, and a socket closed with unread input sends RST, on which the
                        // server drops what it had not read yet (vsftpd: 426, a truncated file).
                        // Reading through TLS also takes in those tickets, so the next data
                        // connection has a fresh session to resume.
                        // The FIN as well, for a server that waits for the socket's end rather than TLS's.
                        dataSocket.Shutdown(SocketShutdown.Send);
                        try
                        {
                            while (await data.ReadAsync(buffer.AsMemory(0, ChunkSize), progress.Token) > 0) { }
                        }
                        catch (Exception e) when (e is IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
                        {
                            // Every byte was handed over; whether the server took them all is for
                            // its reply and the SIZE check below to say, not for how it hung up.
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
                catch (Exception e) when (e is AuthenticationException or IOException or SocketException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    // The control connection usually says why (vsftpd: "522 SSL connection failed:
                    // session reuse required", 552 disk full); report that rather than "broken pipe".
                    var why = await TryReadExplanationAsync();
                    var stage = !handshakeDone ? "the TLS handshake of the data connection" : $"the upload after {sent} bytes";
                    throw new FtpsException(
                        $"{stage} of {remotePath} failed: {(why is null ? Describe(e) : $"{why.Code} {Scrub(why.Text)}")}", why?.Code, e) { ConnectionLost = true };
                }
            }

            var end = await ReadReplyAsync(ct);
            // 426 after every byte went out and was acknowledged by TLS shutdown: Bambu printers
            // are known to race their 226 against the data connection's close and report the
            // transfer aborted although the file is whole (FILES.md §7). It is accepted only
            // when SIZE below shows exactly the bytes sent; a real cut leaves a shorter file.
            if (!end.IsCompletion && end.Code != 426)
                throw Refused($"the printer did not complete storing {remotePath}", end);

            var size = await SizeCoreAsync(remotePath, ct);
            if (size != sent)
                throw new FtpsException($"SIZE after upload of {remotePath} is {size?.ToString(CultureInfo.InvariantCulture) ?? "missing (550)"}, expected {sent}"
                    + (end.Code == 426 ? $" (the transfer ended with {end.Code} {Scrub(end.Text)})" : ""), end.Code == 426 ? 426 : null);
            if (end.Code == 426) FtpsLog.BenignAbort(_logger, Name, remotePath, sent);
            FtpsLog.Stored(_logger, Name, remotePath, sent, DataProtocol.ToString());
        }, cancellationToken);
    }

    /// <summary>The size of <paramref name="remotePath"/> in bytes, or null when the printer has no such file (550).</summary>
    public Task<long?> SizeAsync(string remotePath, CancellationToken cancellationToken)
    {
        CheckPath(remotePath);
        return RunAsync($"asking the size of {remotePath}", ct => SizeCoreAsync(remotePath, ct), cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="remotePath"/>. A file that is not there is no error: the caller
    /// wants it gone, and it is. DELE answers 550 for missing and for forbidden alike, so a 550
    /// is only accepted when SIZE then finds no file.
    /// </summary>
    public Task DeleteAsync(string remotePath, CancellationToken cancellationToken)
    {
        CheckPath(remotePath);
        return RunAsync($"deleting {remotePath}", async ct =>
        {
            var reply = await CommandAsync($"DELE {remotePath}", ct);
            if (reply.IsCompletion) return 0;
            if (reply.Code == 550 && await SizeCoreAsync(remotePath, ct) is null) return 0;
            throw Refused($"the printer refused to delete {remotePath}", reply);
        }, cancellationToken);
    }

    /// <summary>Says QUIT (best effort, briefly) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_givenUpBecause is null && await _gate.WaitAsync(QuitTimeout))
        {
            try
            {
                using var timeout = new CancellationTokenSource(QuitTimeout);
                await SendAsync("QUIT", timeout.Token);
                await ReadReplyAsync(timeout.Token);
            }
            catch (Exception e) when (e is FtpsException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                FtpsLog.QuitFailed(_logger, Name, e);
            }
            finally
            {
                _gate.Release();
            }
        }
        _givenUpBecause ??= "the client was disposed";
        await _control.DisposeAsync();
        _socket.Dispose();
    }

    private async Task LogInAsync(CancellationToken cancellationToken)
    {
        using var timeout = Deadline(_endpoint.Timeout, cancellationToken);
        var ct = timeout.Token;
        try
        {
            var greeting = await ReadReplyAsync(ct);
            if (greeting.Code != 220) throw Refused("the printer did not greet with 220", greeting);

            var user = await CommandAsync($"USER {_endpoint.User}", ct);
            if (user.IsIntermediate)
            {
                var pass = await CommandAsync($"PASS {_endpoint.Password}", ct, shown: "PASS ***");
                user = pass;
            }
            if (!user.IsCompletion)
                throw Refused(user.Code == 530 ? $"the printer refused the login of {_endpoint.User}" : $"the login of {_endpoint.User} failed", user);

            // Implicit FTPS still wants PBSZ/PROT before protected data connections (RFC 4217 §9).
            foreach (var command in new[] { "PBSZ 0", "PROT P", "TYPE I" })
            {
                var reply = await CommandAsync(command, ct);
                if (!reply.IsCompletion) throw Refused($"the printer refused {command}", reply);
            }
        }
        catch (Exception e) when (e is IOException or SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FtpsException($"logging in to {_endpoint.Host}:{_endpoint.Port} failed: {Describe(e)}", null, e);
        }
    }

    private async Task<int> PassiveAsync(CancellationToken ct)
    {
        if (!_extendedPassiveRefused)
        {
            var extended = await CommandAsync("EPSV", ct);
            if (extended.Code == 229) return Parsed(() => FtpReply.ExtendedPassivePort(extended), extended);
            // 500/502: unknown, 501/522: not for this address family; PASV may still work.
            if (extended.Code is not (500 or 501 or 502 or 504 or 522)) throw Refused("the printer refused a passive data connection (EPSV)", extended);
            _extendedPassiveRefused = true;
            FtpsLog.NoExtendedPassive(_logger, Name, extended.Code);
        }
        var passive = await CommandAsync("PASV", ct);
        if (passive.Code != 227) throw Refused("the printer refused a passive data connection (PASV)", passive);
        // Only the port is used: see FtpReply.PassivePort.
        return Parsed(() => FtpReply.PassivePort(passive), passive);
    }

    private int Parsed(Func<int> parse, FtpReply reply)
    {
        try { return parse(); }
        catch (FormatException e) { throw new FtpsException($"the printer's passive reply is unreadable ({e.Message}): {reply.Code} {Scrub(reply.Text)}", reply.Code, e); }
    }

    private async Task<long?> SizeCoreAsync(string remotePath, CancellationToken ct)
    {
        var reply = await CommandAsync($"SIZE {remotePath}", ct);
        if (reply.Code == 550) return null;
        if (reply.Code == 213 && long.TryParse(reply.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return size;
        throw Refused($"SIZE of {remotePath} failed", reply);
    }

    /// <summary>
    /// Runs one operation alone on the connection, with the endpoint's timeout per reply. A
    /// failure below the FTP level leaves the conversation in an unknown state: give up the
    /// connection then.
    /// </summary>
    private async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_givenUpBecause is not null)
                throw new FtpsException($"{what}: the connection to {_endpoint.Host}:{_endpoint.Port} is no longer usable ({_givenUpBecause}); connect again");
            return await operation(cancellationToken);
        }
        catch (FtpsException e) when (e.ConnectionLost)
        {
            GiveUp(e.Message);
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            GiveUp(Describe(e));
            throw new FtpsException($"{what} on {_endpoint.Host}:{_endpoint.Port} failed: {Describe(e)}", null, e);
        }
        catch (OperationCanceledException)
        {
            GiveUp("an operation was cancelled half-way");
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task RunAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(what, async ct => { await operation(ct); return 0; }, cancellationToken);

    private void GiveUp(string because) => _givenUpBecause ??= because;

    private async Task<FtpReply> CommandAsync(string command, CancellationToken ct, string? shown = null)
    {
        await SendAsync(command, ct, shown);
        return await ReadReplyAsync(ct);
    }

    private async Task SendAsync(string command, CancellationToken ct, string? shown = null)
    {
        FtpsLog.Sent(_logger, Name, shown ?? command);
        using var timeout = Deadline(_endpoint.Timeout, ct);
        await _control.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), timeout.Token);
        await _control.FlushAsync(timeout.Token);
    }

    private async Task<FtpReply> ReadReplyAsync(CancellationToken ct)
    {
        using var timeout = Deadline(_endpoint.Timeout, ct);
        var lines = new List<string>();
        while (true)
        {
            lines.Add(await ReadLineAsync(timeout.Token));
            try
            {
                if (FtpReply.TryComplete(lines, out var reply)) return reply!;
            }
            catch (FormatException e)
            {
                throw new FtpsException($"the printer sent something that is not an FTP reply ({e.Message})", null, e) { ConnectionLost = true };
            }
            if (lines.Count > MaxReplyLines) throw new FtpsException($"the printer's reply went on for more than {MaxReplyLines} lines") { ConnectionLost = true };
        }
    }

    private async Task<FtpReply?> TryReadExplanationAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ExplanationTimeout);
            return await ReadReplyAsync(timeout.Token);
        }
        catch (Exception e) when (e is FtpsException or IOException or SocketException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new ArrayBufferWriter<byte>(128);
        while (true)
        {
            var newline = Array.IndexOf(_readBuffer, (byte)'\n', _readStart, _readEnd - _readStart);
            var end = newline < 0 ? _readEnd : newline;
            line.Write(_readBuffer.AsSpan(_readStart, end - _readStart));
            _readStart = newline < 0 ? _readEnd : newline + 1;
            if (line.WrittenCount > MaxLineLength) throw new FtpsException($"the printer sent a line longer than {MaxLineLength} bytes") { ConnectionLost = true };
            if (newline >= 0)
            {
                var bytes = line.WrittenSpan;
                if (bytes.Length > 0 && bytes[^1] == '\r') bytes = bytes[..^1];
                return Encoding.UTF8.GetString(bytes);
            }
            _readStart = 0;
            _readEnd = await _control.ReadAsync(_readBuffer, ct);
            if (_readEnd == 0) throw new FtpsException($"the printer closed the connection{(line.WrittenCount > 0 ? " in the middle of a reply" : "")}") { ConnectionLost = true };
        }
    }

    private FtpsException Refused(string what, FtpReply reply) => new($"{what} ({reply.Code} {Scrub(reply.Text)})", reply.Code);

    // Server text goes into messages; a server that echoes the access code must not leak it there.
    private string Scrub(string text) =>
        _endpoint.Password.Length >= 4 ? text.Replace(_endpoint.Password, "***", StringComparison.Ordinal) : text;

    private string Describe(Exception e) => e is OperationCanceledException ? $"no answer within {_endpoint.Timeout}" : Scrub(e.Message);

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    private static void CheckPath(string remotePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(remotePath);
        // A line break would end the command and start another one of the caller's choosing.
        if (remotePath.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException("A remote path cannot hold CR, LF or NUL.", nameof(remotePath));
    }
}
