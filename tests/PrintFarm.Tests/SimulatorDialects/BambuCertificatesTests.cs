using System.Security.Cryptography.X509Certificates;
using PrintFarm.PrinterSimulator.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

[Trait("Category", "Unit")]
public sealed class BambuCertificatesTests
{
    private static string Directory() => Path.Combine(
        PrintFarm.Harness.TestFolders.Root,
        "simdialects", "ca-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void The_CA_is_written_once_and_reused_so_a_pinned_farm_keeps_trusting_the_printers()
    {
        var directory = Directory();
        using var first = BambuCertificates.LoadOrCreateAuthority(directory);
        using var again = BambuCertificates.LoadOrCreateAuthority(directory);
        Assert.Equal(first.Thumbprint, again.Thumbprint);
        Assert.True(again.HasPrivateKey);
        Assert.True(File.Exists(Path.Combine(directory, BambuCertificates.CertificateFileName)));
    }

    [Fact]
    public void A_printer_certificate_names_the_serial_and_chains_to_the_CA_only()
    {
        using var authority = BambuCertificates.LoadOrCreateAuthority(Directory());
        using var other = BambuCertificates.LoadOrCreateAuthority(Directory());
        using var printer = BambuCertificates.IssuePrinterCertificate(authority, "01P00A123456789");
        Assert.True(printer.HasPrivateKey);
        Assert.Equal("01P00A123456789", printer.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(DialectListener.IsPrinter(printer, "01P00A123456789", authority));
        Assert.False(DialectListener.IsPrinter(printer, "01P00A000000000", authority));
        Assert.False(DialectListener.IsPrinter(printer, "01P00A123456789", other));
    }
}
