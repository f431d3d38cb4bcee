using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;

namespace PrintFarm.Tests.Links;

[Trait("Category", "Unit")]
public sealed class BambuCertificateCheckTests
{
    [Fact]
    public void The_printers_own_certificate_signed_by_its_CA_passes()
    {
        using var ca = new TestCertificates();
        var (server, _, _) = ca.Server("01P00A123456789");
        Assert.Null(BambuCertificateCheck.Problem(server, [], ca.Ca, "01P00A123456789", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_certificate_from_another_CA_is_refused_even_if_the_name_is_right()
    {
        using var registered = new TestCertificates("Registered CA");
        using var other = new TestCertificates("Other CA");
        var (server, _, _) = other.Server("01P00A123456789");
        var problem = BambuCertificateCheck.Problem(server, [other.Ca], registered.Ca, "01P00A123456789", DateTimeOffset.UtcNow);
        Assert.NotNull(problem);
        Assert.Contains("CA", problem);
    }

    [Fact]
    public void A_certificate_for_another_serial_is_refused()
    {
        using var ca = new TestCertificates();
        var (server, _, _) = ca.Server("01P00A000000000");
        var problem = BambuCertificateCheck.Problem(server, [], ca.Ca, "01P00A123456789", DateTimeOffset.UtcNow);
        Assert.Equal("the certificate names '01P00A000000000', not the registered serial '01P00A123456789'", problem);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var ca = new TestCertificates();
        var (server, _, _) = ca.Server("SERIAL1");
        Assert.NotNull(BambuCertificateCheck.Problem(server, [], ca.Ca, "SERIAL1", DateTimeOffset.UtcNow.AddYears(3)));
    }

    [Fact]
    public void The_CA_loads_from_PEM_text_or_a_file_and_a_bad_one_says_why()
    {
        using var ca = new TestCertificates();
        Assert.Equal(ca.Ca.Thumbprint, BambuCertificateCheck.LoadCa(ca.CaPem).Thumbprint);
        Directory.CreateDirectory(PrintFarm.Harness.TestFolders.Root);
        var path = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, ca.CaPem);
        try { Assert.Equal(ca.Ca.Thumbprint, BambuCertificateCheck.LoadCa(path).Thumbprint); }
        finally { File.Delete(path); }
        Assert.Contains("cannot read", Assert.Throws<InvalidOperationException>(() => BambuCertificateCheck.LoadCa("/nonexistent/ca.pem")).Message);
        Assert.Contains("not a PEM", Assert.Throws<InvalidOperationException>(() => BambuCertificateCheck.LoadCa("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----")).Message);
    }
}
