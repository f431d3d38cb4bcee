using System.Security.Authentication;
using System.Security.Cryptography;
using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Tests.Ftps;

/// <summary>
/// The data connection resumes the control connection's TLS session, which Bambu printers (and
/// this vsftpd, require_ssl_reuse=YES) insist on. Each upload opens a new data connection, so
/// several uploads on one connection are several resumptions; the last test shows that vsftpd
/// really refuses a data connection that does not resume, so the others prove something.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FtpsSessionReuseTests(VsftpdPrinter printer) : IClassFixture<VsftpdPrinter>
{
    private const int Uploads = 6;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    // The OS default: TLS 1.3 with vsftpd 3.0.3 on OpenSSL 3. It resumes only because the client
    // reads each data connection to its end and so takes in the server's new session ticket; a
    // client that closes right after its close_notify got 426 and a truncated file on the first
    // upload and 522 (no resumption) on the second.
    [InlineData(SslProtocols.None)]
    public async Task Several_uploads_on_one_connection_each_resume_the_session(SslProtocols protocols)
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(protocols), Cancel);

        for (var i = 0; i < Uploads; i++)
        {
            var content = RandomNumberGenerator.GetBytes(100_000 + i);
            var path = $"/reuse-{protocols}-{i}.gcode";
            await client.StoreAsync(path, new MemoryStream(content), Cancel);
            Assert.Equal(content, await File.ReadAllBytesAsync(printer.Server.OnCard(path), Cancel));
            // Interleaved commands on the control connection must not disturb the next resumption.
            Assert.Equal(content.Length, await client.SizeAsync(path, Cancel));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"asked {protocols}: control {client.Protocol}, data {client.DataProtocol}, {Uploads} uploads");
        Assert.Equal(client.Protocol, client.DataProtocol);
        if (protocols == SslProtocols.Tls12) Assert.Equal(SslProtocols.Tls12, client.DataProtocol);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.None)]
    public async Task A_data_connection_that_does_not_resume_is_refused_by_the_server(SslProtocols protocols)
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(protocols), NullLogger, resumeDataSessions: false, Cancel);

        var refused = await Assert.ThrowsAsync<FtpsException>(() => client.StoreAsync("/fresh-handshake.gcode", new MemoryStream(new byte[50_000]), Cancel));

        Assert.Equal(522, refused.ReplyCode);
        Assert.Contains("session reuse required", refused.Message);
        Assert.False(File.Exists(printer.Server.OnCard("/fresh-handshake.gcode")) && new FileInfo(printer.Server.OnCard("/fresh-handshake.gcode")).Length == 50_000);
    }

    private static Microsoft.Extensions.Logging.ILogger NullLogger => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
