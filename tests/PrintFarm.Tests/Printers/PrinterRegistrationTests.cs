using Microsoft.AspNetCore.DataProtection;
using PrintFarm.Printers.Registry;
using PrintFarm.Silo.Secrets;
using PrintFarm.Tests.Links;

namespace PrintFarm.Tests.Printers;

[Trait("Category", "Unit")]
public sealed class PrinterRegistrationTests
{
    private const string Secret = "S3cr3tC0de";
    private static readonly TestCertificates Certificates = new();
    private static readonly IPrinterSecrets Secrets = new DataProtectionPrinterSecrets(new EphemeralDataProtectionProvider());

    private static PrinterRegistry NewRegistry(int max = PrinterRegistry.DefaultMaxPrinters) => new(new PrinterRegistryState(), Secrets, max);

    public static PrinterRegistration Bambu(string id = "x1c-01", string serial = "00M09A350100001", string code = Secret) => new()
    {
        Id = id, Name = "X1C by the window", Dialect = PrinterDialect.Bambu, Model = "X1C", Materials = ["PLA", "PETG"],
        Bambu = new BambuConnection { Host = "192.168.1.40", Serial = serial, AccessCode = code, CaCertificate = Certificates.CaPem },
    };

    public static PrinterRegistration Octo(string id = "octo-07", string topic = "farm/octo-07/") => new()
    {
        Id = id, Dialect = PrinterDialect.OctoPrint, Materials = ["PLA"], OctoPrint = new OctoPrintConnection { BaseTopic = topic },
    };

    public static PrinterRegistration Moon(string id = "voron-2", string instance = "voron-2") => new()
    {
        Id = id, Dialect = PrinterDialect.Moonraker, Materials = ["ABS"], Moonraker = new MoonrakerConnection { Instance = instance },
    };

    [Fact]
    public void Each_dialect_validates_and_gets_its_defaults()
    {
        var (bambu, errors) = PrinterRegistrationValidator.Validate(Bambu());
        Assert.Empty(errors);
        Assert.Equal(8883, bambu!.Bambu!.Port);
        Assert.Equal("FDM", bambu.Technology);

        var (octo, _) = PrinterRegistrationValidator.Validate(Octo(topic: " farm/octo-07 "));
        Assert.Equal("farm/octo-07/", octo!.OctoPrint!.BaseTopic);
        Assert.Equal("octo-07", octo.Name);

        var (moon, _) = PrinterRegistrationValidator.Validate(Moon());
        Assert.Equal("voron-2", moon!.Moonraker!.Instance);
    }

    [Fact]
    public void Every_bad_field_is_named_and_none_echoes_the_access_code()
    {
        var bad = new PrinterRegistration
        {
            Id = "bad id!", Dialect = PrinterDialect.Bambu, Technology = "laser", Materials = [],
            Bambu = new BambuConnection { Host = "not a host", Serial = "a/b", AccessCode = "has space " + Secret, Port = 70000, CaCertificate = "relative.pem" },
            OctoPrint = new OctoPrintConnection { BaseTopic = "x/" },
        };
        var (valid, errors) = PrinterRegistrationValidator.Validate(bad);
        Assert.Null(valid);
        Assert.Equal(
            ["bambu.accessCode", "bambu.caCertificate", "bambu.host", "bambu.port", "bambu.serial", "id", "materials", "octoPrint", "technology"],
            errors.Keys.Order().ToArray());
        Assert.DoesNotContain(errors.Values.SelectMany(v => v), m => m.Contains(Secret));
    }

    [Fact]
    public void A_dialect_without_its_connection_or_materials_is_refused()
    {
        var (_, errors) = PrinterRegistrationValidator.Validate(new PrinterRegistration { Id = "p1", Dialect = PrinterDialect.Moonraker });
        Assert.Contains("moonraker.instance", errors.Keys);
        Assert.Contains("materials", errors.Keys);
        (_, errors) = PrinterRegistrationValidator.Validate(new PrinterRegistration { Id = "p1" });
        Assert.Contains("dialect", errors.Keys);
        (_, errors) = PrinterRegistrationValidator.Validate(Octo(topic: "farm/printers/octo/"));
        Assert.Contains("octoPrint.baseTopic", errors.Keys);
        (_, errors) = PrinterRegistrationValidator.Validate(Octo(topic: "octo/#"));
        Assert.Contains("octoPrint.baseTopic", errors.Keys);
        (_, errors) = PrinterRegistrationValidator.Validate(Moon(instance: "a/b"));
        Assert.Contains("moonraker.instance", errors.Keys);
    }

    [Fact]
    public void Registering_a_printer_again_through_the_API_conflicts_with_one_answer_whatever_its_access_code()
    {
        var registry = NewRegistry();
        Assert.Equal(RegistrationOutcome.Created, registry.Register(Bambu(), RegistrationSource.Api));

        // The right code and a wrong one get the same exception and the same words: nothing to try codes against.
        var same = Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Bambu(), RegistrationSource.Api));
        var otherCode = Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Bambu(code: "0ther" + Secret), RegistrationSource.Api));
        Assert.Equal(same.Message, otherCode.Message);
        Assert.DoesNotContain("accessCode", otherCode.Message);
        Assert.DoesNotContain(Secret, otherCode.Message);
        // Other settings are named, so an operator sees what differs.
        var renamed = Bambu();
        renamed.Name = "X1C by the door";
        Assert.Contains("name", Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(renamed, RegistrationSource.Api)).Message);

        // Kept: the first code, protected, and nowhere in the registration.
        Assert.Null(registry.Get("x1c-01")!.Bambu!.AccessCode);
        Assert.Equal(Secret, Secrets.Unprotect(registry.ForLink("x1c-01")!.ProtectedSecret!));

        // Configuration, the operator's own file, still updates (a new code) or changes nothing.
        Assert.Equal(RegistrationOutcome.Updated, registry.Register(Bambu(code: "0ther" + Secret), RegistrationSource.Configuration));
        Assert.Equal(RegistrationOutcome.Unchanged, registry.Register(Bambu(code: "0ther" + Secret), RegistrationSource.Configuration));
        Assert.Equal("0ther" + Secret, Secrets.Unprotect(registry.ForLink("x1c-01")!.ProtectedSecret!));

        // A printer without a secret has nothing to give away: the same registration again changes nothing.
        Assert.Equal(RegistrationOutcome.Created, registry.Register(Octo(), RegistrationSource.Api));
        Assert.Equal(RegistrationOutcome.Unchanged, registry.Register(Octo(), RegistrationSource.Api));
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Octo(topic: "farm/octo-07b/"), RegistrationSource.Api));
    }

    [Fact]
    public void Two_printers_on_one_connection_conflict()
    {
        var registry = NewRegistry();
        registry.Register(Bambu(), RegistrationSource.Api);
        registry.Register(Octo(), RegistrationSource.Api);
        registry.Register(Moon(), RegistrationSource.Api);
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Bambu(id: "x1c-02"), RegistrationSource.Api));
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Octo(id: "octo-08"), RegistrationSource.Configuration));
        Assert.Throws<PrinterRegistrationConflictException>(() => registry.Register(Moon(id: "voron-3"), RegistrationSource.Api));
        Assert.Equal(3, registry.State.Printers.Count);
    }

    [Fact]
    public void Configuration_updates_a_printer_it_registered_before()
    {
        var registry = NewRegistry();
        registry.Register(Octo(), RegistrationSource.Configuration);
        Assert.Equal(RegistrationOutcome.Updated, registry.Register(Octo(topic: "farm/octo-07b/"), RegistrationSource.Configuration));
        Assert.Equal("farm/octo-07b/", registry.Get("octo-07")!.OctoPrint!.BaseTopic);
    }

    [Fact]
    public void An_invalid_registration_reaching_the_registry_changes_nothing()
    {
        var registry = NewRegistry();
        Assert.Throws<InvalidPrinterRegistrationException>(() => registry.Register(Bambu(code: ""), RegistrationSource.Api));
        Assert.Empty(registry.State.Printers);
    }

    [Fact]
    public void The_view_and_every_ToString_hide_the_access_code()
    {
        var (valid, _) = PrinterRegistrationValidator.Validate(Bambu());
        var view = PrinterRegistrationView.From(valid!, RegistrationSource.Api);
        Assert.Equal("set", view.Bambu!.AccessCode);
        Assert.Equal("inline PEM", view.Bambu.CaCertificate);
        var json = System.Text.Json.JsonSerializer.Serialize(view);
        Assert.DoesNotContain(Secret, json);
        Assert.DoesNotContain(Secret, valid!.ToString());
        Assert.DoesNotContain(Secret, valid.Bambu!.ToString());
        Assert.DoesNotContain(Secret, view.ToString());
    }
}
