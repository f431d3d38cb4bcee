using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;
using PrintFarm.Silo.Secrets;
using PrintFarm.Tests.Links;
using static PrintFarm.Tests.Printers.PrinterRegistrationTests;

namespace PrintFarm.Tests.Printers;

/// <summary>
/// The registry's rules against misuse: what a conflict says, which ids and connections are
/// taken, deletion, limits, the CA folder, and secrets kept only protected.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PrinterRegistryRulesTests
{
    private const string Code = "87654321";
    private static readonly IPrinterSecrets Secrets = new DataProtectionPrinterSecrets(new EphemeralDataProtectionProvider());

    private static PrinterRegistry NewRegistry(int max = PrinterRegistry.DefaultMaxPrinters) => new(new PrinterRegistryState(), Secrets, max);

    [Fact]
    public void A_serial_in_use_conflicts_without_naming_the_serial_or_its_printer()
    {
        var registry = NewRegistry();
        registry.Register(Bambu(id: "x1c-01", serial: "00M09A350100001"), RegistrationSource.Api);
        var conflict = Assert.Throws<PrinterRegistrationConflictException>(() =>
            registry.Register(Bambu(id: "x1c-02", serial: "00m09a350100001"), RegistrationSource.Api));
        Assert.DoesNotContain("00M09A350100001", conflict.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("x1c-01", conflict.Message);
        Assert.Single(registry.State.Printers);
    }

    [Fact]
    public void Topics_on_the_farm_broker_may_not_nest_inside_another_printers()
    {
        var registry = NewRegistry();
        registry.Register(Octo(id: "octo-1", topic: "shop/a/"), RegistrationSource.Api);
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Octo(id: "octo-2", topic: "shop/a/b/"), RegistrationSource.Api));
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Octo(id: "octo-3", topic: "shop/"), RegistrationSource.Api));
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Moon(id: "voron-1", instance: "shop"), RegistrationSource.Api));
        registry.Register(Octo(id: "octo-4", topic: "shop/ab/"), RegistrationSource.Api);
        registry.Register(Moon(id: "voron-2", instance: "shop2"), RegistrationSource.Api);
        Assert.Equal(["octo-1", "octo-4", "voron-2"], registry.State.Printers.Keys.Order().ToArray());
    }

    [Fact]
    public void The_id_of_a_printer_the_farm_knows_cannot_be_registered_but_a_deleted_registration_can_come_back()
    {
        var registry = NewRegistry();
        Assert.True(registry.NeedsFarmCheck("sim-001"));
        var taken = Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Moon(id: "sim-001", instance: "sim-001"), RegistrationSource.Api, knownToFarm: true));
        Assert.Contains("already knows a printer 'sim-001'", taken.Message);
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Moon(id: "sim-001", instance: "sim-001"), RegistrationSource.Configuration, knownToFarm: true));
        Assert.Empty(registry.State.Printers);

        // Its own printer: the printer grain knows it from the link, and it may be registered again once deleted.
        registry.Register(Bambu(code: Code), RegistrationSource.Api);
        Assert.False(registry.NeedsFarmCheck("x1c-01"));
        Assert.True(registry.Remove("x1c-01"));
        Assert.False(registry.Remove("x1c-01"));
        Assert.Null(registry.Get("x1c-01"));
        Assert.Null(registry.ForLink("x1c-01"));
        Assert.Empty(registry.State.Secrets);
        Assert.False(registry.NeedsFarmCheck("x1c-01"));
        Assert.Equal(RegistrationOutcome.Created, registry.Register(Bambu(code: "11112222"), RegistrationSource.Api, knownToFarm: true));
        Assert.Equal("11112222", Secrets.Unprotect(registry.ForLink("x1c-01")!.ProtectedSecret!));
    }

    [Fact]
    public void Sizes_and_counts_are_limited_naming_the_field()
    {
        var many = Octo();
        many.Materials = Enumerable.Range(0, PrinterRegistrationValidator.MaxMaterials + 1).Select(i => $"M{i}").ToList();
        Assert.Contains("materials", PrinterRegistrationValidator.Validate(many).Errors.Keys);
        var model = Octo();
        model.Model = new string('x', PrinterRegistrationValidator.MaxModelLength + 1);
        Assert.Contains("model", PrinterRegistrationValidator.Validate(model).Errors.Keys);
        var ca = Bambu();
        ca.Bambu!.CaCertificate = "-----BEGIN CERTIFICATE-----\n" + new string('A', PrinterRegistrationValidator.MaxCaCertificateLength) + "\n-----END CERTIFICATE-----";
        Assert.Contains("bambu.caCertificate", PrinterRegistrationValidator.Validate(ca).Errors.Keys);
        var path = Bambu();
        path.Bambu!.CaCertificate = "/" + new string('a', PrinterRegistrationValidator.MaxPathLength);
        Assert.Contains("bambu.caCertificate", PrinterRegistrationValidator.Validate(path).Errors.Keys);

        var registry = NewRegistry(max: 2);
        registry.Register(Octo(), RegistrationSource.Api);
        registry.Register(Moon(), RegistrationSource.Api);
        var full = Assert.Throws<InvalidPrinterRegistrationException>(() => registry.Register(Bambu(), RegistrationSource.Api));
        Assert.Contains("Links:MaxRegisteredPrinters", full.Message);
        Assert.Equal(2, registry.State.Printers.Count);
    }

    [Fact]
    public void State_stored_with_plain_access_codes_loads_and_is_protected_on_read()
    {
        // As an earlier version stored it: the code inside the registration.
        var old = new PrinterRegistryState();
        var plain = PrinterRegistrationValidator.Validate(Bambu(code: Code)).Valid!;
        old.Printers["x1c-01"] = plain;
        old.Sources["x1c-01"] = RegistrationSource.Api;
        var json = JsonSerializer.Serialize(old);
        Assert.Contains(Code, json);

        var loaded = JsonSerializer.Deserialize<PrinterRegistryState>(json)!;
        var registry = new PrinterRegistry(loaded, Secrets);
        Assert.True(registry.ProtectPlainSecrets());
        Assert.False(registry.ProtectPlainSecrets());
        Assert.DoesNotContain(Code, JsonSerializer.Serialize(loaded));
        Assert.Equal(Code, Secrets.Unprotect(registry.ForLink("x1c-01")!.ProtectedSecret!));
        Assert.True(registry.HasSecret("x1c-01"));
    }

    [Fact]
    public void A_CA_path_is_read_only_inside_its_folder_and_every_failure_reads_alike()
    {
        using var ca = new TestCertificates();
        var root = Path.Combine(PrintFarm.Harness.TestFolders.Root, "ca-folder", Guid.NewGuid().ToString("N")[..8]);
        var folder = Directory.CreateDirectory(Path.Combine(root, "ca")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(root, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(folder, "bambu.pem"), ca.CaPem);
        File.WriteAllText(Path.Combine(outside, "bambu.pem"), ca.CaPem);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a certificate");
        File.WriteAllText(Path.Combine(folder, "big.pem"), ca.CaPem + new string('\n', BambuCertificateCheck.MaxCaFileBytes));
        File.CreateSymbolicLink(Path.Combine(folder, "link.pem"), Path.Combine(outside, "bambu.pem"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "dir"), outside);

        var certificates = new CaCertificateFolder(folder);
        Assert.Equal(ca.Ca.Thumbprint, certificates.Load(Path.Combine(folder, "bambu.pem")).Thumbprint);
        Assert.Equal(ca.Ca.Thumbprint, certificates.Load(ca.CaPem).Thumbprint);

        string[] refused =
        [
            "/dev/zero",                                   // outside, and endless
            Path.Combine(outside, "bambu.pem"),            // a certificate, outside
            Path.Combine(folder, "..", "elsewhere", "bambu.pem"),
            Path.Combine(folder, "missing.pem"),           // does not exist
            Path.Combine(folder, "notes.txt"),             // exists, not a certificate
            Path.Combine(folder, "big.pem"),               // over the size
            Path.Combine(folder, "link.pem"),              // a link out of the folder
            Path.Combine(folder, "dir", "bambu.pem"),      // through a linked directory
            folder,                                        // the folder itself
        ];
        foreach (var path in refused)
            Assert.Equal(BambuCertificateCheck.UnreadableCaFile, Assert.Throws<InvalidOperationException>(() => certificates.Load(path)).Message);
        // No folder configured: PEM text only.
        Assert.Equal(BambuCertificateCheck.UnreadableCaFile,
            Assert.Throws<InvalidOperationException>(() => new CaCertificateFolder(null).Load(Path.Combine(folder, "bambu.pem"))).Message);
    }
}
