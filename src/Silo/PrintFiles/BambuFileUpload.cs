using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using PrintFarm.Printers.Files;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>
/// A Bambu printer's SD card over implicit FTPS (user <c>bblp</c>, the LAN access code), pinned to
/// the CA registered for its MQTT and checked against its serial the same way. After the upload
/// the card's SIZE must be the file's: starting a half-written file fails the print.
/// </summary>
public sealed class BambuFileUpload(string? caCertificateFolder, TimeSpan silenceTimeout, TimeProvider clock)
{
    public const string User = "bblp";

    public async Task Send(PrintFileUpload upload, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        var bambu = upload.Printer.Bambu!;
        X509Certificate2 ca;
        try { ca = new CaCertificateFolder(caCertificateFolder).Load(bambu.CaCertificate!); }
        catch (InvalidOperationException e) { throw new PrintFileRefusedException(e.Message); }
        string? certificateProblem = null;
        var endpoint = new FtpsEndpoint
        {
            Host = bambu.Host!,
            Port = bambu.FtpsPort ?? Printers.Registry.BambuConnection.DefaultFtpsPort,
            User = User,
            Password = upload.Secret ?? throw new PrintFileRefusedException("the printer has no access code registered"),
            // The certificate names the serial, not the address; the session cache is keyed by it too.
            TargetHost = bambu.Serial!,
            CertificateCheck = (_, certificate, chain, _) =>
            {
                if (certificate is null) { certificateProblem = "the printer presented no certificate"; return false; }
                using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                certificateProblem = BambuCertificateCheck.Problem(presented, chain?.ChainPolicy.ExtraStore ?? [], ca, bambu.Serial!, clock.GetUtcNow());
                return certificateProblem is null;
            },
            Timeout = silenceTimeout,
            // The printers run vsftpd with session reuse required; its TLS 1.3 resumption is unreliable (see FtpsClient).
            SslProtocols = SslProtocols.Tls12,
        };
        var path = "/" + upload.FileName;
        try
        {
            await using var client = await FtpsClient.ConnectAsync(endpoint, cancellationToken);
            await using (var file = await open(cancellationToken))
                await client.StoreAsync(path, file, cancellationToken);
            var size = await client.SizeAsync(path, cancellationToken);
            if (size != upload.File.Size)
                throw new PrintFileRefusedException($"the SD card keeps {size?.ToString() ?? "no"} bytes of the {upload.File.Size} sent", transient: true);
        }
        catch (AuthenticationException e)
        {
            throw new PrintFileRefusedException(certificateProblem ?? "the TLS handshake with the printer failed", transient: certificateProblem is null, e);
        }
        catch (FtpsException e)
        {
            // 4xx replies are transient by FTP's own definition; 530 (login) and other 5xx are not.
            throw new PrintFileRefusedException($"the printer's FTPS server said: {e.Message}", transient: e.ReplyCode is >= 400 and < 500 or null, e);
        }
    }
}
