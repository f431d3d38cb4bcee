using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Tests.Ftps;

/// <summary>One private vsftpd dressed as a Bambu printer, shared by the tests of one class.</summary>
public sealed class VsftpdPrinter : IAsyncLifetime
{
    private X509Certificate2? _ca;

    public PrivateVsftpd Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await PrivateVsftpd.StartAsync(Path.Combine(TestFolders.Root, "ftps"));
        _ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Server.CaPath));
    }

    /// <summary>How the farm would reach this "printer": its serial as TLS name, its CA alone trusted.</summary>
    public FtpsEndpoint Endpoint(SslProtocols protocols = SslProtocols.None) => new()
    {
        Host = Server.Host,
        Port = Server.Port,
        Password = Server.Password,
        TargetHost = Server.Serial,
        CertificateCheck = FtpsCertificates.IssuedBy(_ca!),
        SslProtocols = protocols,
        Timeout = TimeSpan.FromSeconds(15),
    };

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        _ca?.Dispose();
    }
}
