using System.Net;
using PrintFarm.Designs;
using PrintFarm.Printers.Dialects;
using PrintFarm.Printers.Files;
using PrintFarm.Printers.Registry;
using PrintFarm.Silo.PrintFiles;

namespace PrintFarm.Tests.PrintFiles;

/// <summary>Which printer takes which file, what a printer's HTTP answer means, and how a registration carries what uploads need.</summary>
[Trait("Category", "Unit")]
public sealed class PrintFileRulesTests
{
    private static PrintFileRef File(DesignFormat format) => new() { Sha256 = new string('a', 64), Format = format, Size = 10, Plate = format == DesignFormat.SlicedThreeMf ? 1 : null };

    private static PrinterRegistration Octo(string? url = "http://10.0.0.7/") => new()
    {
        Id = "octo-1", Dialect = PrinterDialect.OctoPrint, OctoPrint = new OctoPrintConnection { BaseTopic = "farm/octo-1/", Url = url, ApiKey = "K3Y-secret-value" },
    };

    [Fact]
    public void Each_dialect_takes_the_files_it_prints()
    {
        Assert.Null(PrintFileAcceptance.Refusal(Octo(), File(DesignFormat.GCode)));
        Assert.Contains("not a SlicedThreeMf", PrintFileAcceptance.Refusal(Octo(), File(DesignFormat.SlicedThreeMf)));
        Assert.Contains("octoPrint.url", PrintFileAcceptance.Refusal(Octo(url: null), File(DesignFormat.GCode)));
        var bambu = new PrinterRegistration { Id = "b", Dialect = PrinterDialect.Bambu, Bambu = new BambuConnection { Serial = "S" } };
        Assert.Null(PrintFileAcceptance.Refusal(bambu, File(DesignFormat.SlicedThreeMf)));
        Assert.Contains("sliced 3MF", PrintFileAcceptance.Refusal(bambu, File(DesignFormat.GCode)));
        var moon = new PrinterRegistration { Id = "m", Dialect = PrinterDialect.Moonraker, Moonraker = new MoonrakerConnection { Instance = "m", Url = "http://m/" } };
        Assert.Contains("not a BinaryGCode", PrintFileAcceptance.Refusal(moon, File(DesignFormat.BinaryGCode)));
    }

    [Fact]
    public void The_file_on_the_printer_is_named_after_the_job_and_the_job_is_read_back_from_it()
    {
        Assert.Equal("PF-ABCD-EFGH-J-1-1.gcode.3mf", File(DesignFormat.SlicedThreeMf).FileNameFor("PF-ABCD-EFGH-J-1-1"));
        Assert.Equal("PF-ABCD-EFGH-J-1-1", DialectJobIds.FromFile("/sdcard/PF-ABCD-EFGH-J-1-1.gcode.3mf"));
        Assert.Equal("PF-ABCD-EFGH-J-1-1", DialectJobIds.FromFile("PF-ABCD-EFGH-J-1-1.gcode"));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "OctoPrint", "OctoPrint did not accept the API key (401)", false)]
    [InlineData(HttpStatusCode.Forbidden, "Moonraker", "Moonraker will not overwrite the file it has loaded (403)", false)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "OctoPrint", "OctoPrint would not take the file as G-code (415)", false)]
    [InlineData((HttpStatusCode)422, "Moonraker", "Moonraker received other bytes than were sent: the checksum did not match (422)", true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "OctoPrint", "OctoPrint answered 503", true)]
    public void A_printers_refusal_is_told_in_words_and_only_passing_trouble_is_tried_again(HttpStatusCode status, string dialect, string problem, bool transient)
    {
        var refused = Assert.Throws<PrintFileRefusedException>(() => HttpUploadAnswer.Check(status, dialect));
        Assert.Equal((problem, transient), (refused.Message, refused.Transient));
        HttpUploadAnswer.Check(HttpStatusCode.Created, dialect);
    }

    [Fact]
    public void A_registration_keeps_its_api_key_apart_and_no_error_repeats_it()
    {
        var (valid, errors) = PrinterRegistrationValidator.Validate(new PrinterRegistration
        {
            Id = "octo-1", Dialect = PrinterDialect.OctoPrint, Materials = ["PLA"],
            OctoPrint = new OctoPrintConnection { BaseTopic = "farm/octo-1", Url = "http://10.0.0.7", ApiKey = "K3Y-secret-value" },
        });
        Assert.Empty(errors);
        Assert.Equal(("http://10.0.0.7/", "K3Y-secret-value"), (valid!.OctoPrint!.Url, valid.Secret()));
        Assert.Null(valid.WithoutSecret().Secret());
        Assert.DoesNotContain("K3Y", valid.ToString());
        var view = PrinterRegistrationView.From(valid.WithoutSecret(), RegistrationSource.Api, secretSet: true);
        Assert.Equal(("http://10.0.0.7/", "set"), (view.FilesUrl, view.ApiKey));

        var (_, bad) = PrinterRegistrationValidator.Validate(new PrinterRegistration
        {
            Id = "octo-2", Dialect = PrinterDialect.OctoPrint, Materials = ["PLA"],
            OctoPrint = new OctoPrintConnection { BaseTopic = "farm/octo-2/", Url = "http://admin:hunter2@10.0.0.8/", ApiKey = "has space" },
        });
        Assert.Contains("octoPrint.url", bad.Keys);
        Assert.Contains("octoPrint.apiKey", bad.Keys);
        Assert.DoesNotContain("hunter2", string.Join(" ", bad.SelectMany(e => e.Value)));
        Assert.DoesNotContain("has space", string.Join(" ", bad.SelectMany(e => e.Value)));

        var (_, keyless) = PrinterRegistrationValidator.Validate(new PrinterRegistration
        {
            Id = "octo-3", Dialect = PrinterDialect.OctoPrint, Materials = ["PLA"], OctoPrint = new OctoPrintConnection { BaseTopic = "farm/octo-3/", Url = "http://10.0.0.9/" },
        });
        Assert.Contains("octoPrint.apiKey", keyless.Keys);
    }
}
