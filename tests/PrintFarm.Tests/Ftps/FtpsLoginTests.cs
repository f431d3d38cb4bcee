using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Tests.Ftps;

/// <summary>Who may talk to the "printer" and whom the client believes: the access code and the certificate.</summary>
[Trait("Category", "Integration")]
public sealed class FtpsLoginTests(VsftpdPrinter printer) : IClassFixture<VsftpdPrinter>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_right_access_code_logs_in()
    {
        await using var client = await FtpsClient.ConnectAsync(printer.Endpoint(), Cancel);

        Assert.Null(await client.SizeAsync("/nothing-here", Cancel));
    }

    [Fact]
    public async Task A_wrong_access_code_is_refused_with_530_and_the_message_does_not_show_it()
    {
        const string wrong = "wrong-code-4711";

        var refused = await Assert.ThrowsAsync<FtpsException>(() => FtpsClient.ConnectAsync(printer.Endpoint() with { Password = wrong }, Cancel));

        Assert.Equal(530, refused.ReplyCode);
        Assert.Contains("refused the login", refused.Message);
        Assert.DoesNotContain(wrong, refused.ToString());
        Assert.DoesNotContain(printer.Server.Password, refused.ToString());
    }

    [Fact]
    public void The_endpoint_does_not_show_its_password()
    {
        var endpoint = printer.Endpoint();

        Assert.DoesNotContain(endpoint.Password, endpoint.ToString());
        Assert.Contains(endpoint.TargetHost, endpoint.ToString());
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_refused()
    {
        var otherCa = PrivateCertificateAuthority.Create(Path.Combine(TestFolders.Root, "ftps"), "Not the printer's CA");
        using var other = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(otherCa.CaPath, Cancel));

        var refused = await Assert.ThrowsAsync<FtpsException>(() =>
            FtpsClient.ConnectAsync(printer.Endpoint() with { CertificateCheck = FtpsCertificates.IssuedBy(other) }, Cancel));

        Assert.Null(refused.ReplyCode);
        Assert.Contains("certificate", refused.Message);
        Assert.DoesNotContain(printer.Server.Password, refused.ToString());
    }

    [Fact]
    public async Task A_certificate_for_another_serial_is_refused()
    {
        var refused = await Assert.ThrowsAsync<FtpsException>(() =>
            FtpsClient.ConnectAsync(printer.Endpoint() with { TargetHost = "01P00A000000999" }, Cancel));

        Assert.Contains("certificate", refused.Message);
    }
}
