using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;

namespace PrintFarm.Tests.SimulatorDialects;

[Trait("Category", "Unit")]
public sealed class DialectOptionsTests
{
    [Fact]
    public void A_mix_is_read_in_order_and_numbers_printers_group_by_group()
    {
        Assert.True(DialectCount.TryParseMix("bambu=2, OctoPrint=1,moonraker=1,native=3", out var mix, out _));
        var options = new SimulatorOptions { Printers = 7, Dialects = mix };
        Assert.Empty(options.Validate());
        Assert.Equal(
            [PrinterDialect.Bambu, PrinterDialect.Bambu, PrinterDialect.OctoPrint, PrinterDialect.Moonraker,
             PrinterDialect.Native, PrinterDialect.Native, PrinterDialect.Native],
            Enumerable.Range(1, 7).Select(options.DialectOf));
        Assert.Equal("octoprint/sim-003/", options.OctoPrintBaseTopicFor("sim-003"));
        Assert.Equal("sim-004", options.MoonrakerInstanceFor("sim-004"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("bambu", "dialect=count")]
    [InlineData("prusa=2", "dialect=count")]
    [InlineData("1=2", "dialect=count")]
    [InlineData("bambu=0", "at least 1")]
    [InlineData("bambu=x", "at least 1")]
    [InlineData("bambu=1,bambu=2", "twice")]
    public void A_bad_mix_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(DialectCount.TryParseMix(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Bad_dialect_settings_are_refused()
    {
        Assert.True(DialectCount.TryParseMix("bambu=2", out var mix, out _));
        Assert.Contains(new SimulatorOptions { Printers = 3, Dialects = mix }.Validate(), e => e.Contains("adds up to 2"));
        Assert.Contains(new SimulatorOptions { Printers = 2, Dialects = mix, BambuPortBase = 65535 }.Validate(), e => e.Contains("--bambu-port"));
        Assert.Contains(new SimulatorOptions { Printers = 2, Dialects = mix, BambuHost = "printer.local" }.Validate(), e => e.Contains("--bambu-host"));
        Assert.Contains(new SimulatorOptions { Printers = 2, Dialects = mix, BambuAccessCode = "" }.Validate(), e => e.Contains("access-code"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.OctoPrint, OctoPrintBaseTopic = "octoprint/#/" }.Validate(),
            e => e.Contains("--octoprint-base-topic"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.Moonraker, MoonrakerInstance = "farm/{id}" }.Validate(),
            e => e.Contains("--moonraker-instance"));
        Assert.Contains(new SimulatorOptions { DialectPrintTime = TimeSpan.Zero }.Validate(), e => e.Contains("--print-seconds"));
    }

    [Fact]
    public void Bad_file_settings_are_refused()
    {
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.OctoPrint, FilesPort = -1 }.Validate(), e => e.Contains("--files-port"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.Moonraker, FilesPort = 70000 }.Validate(), e => e.Contains("--files-port"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.Moonraker, MaxUploadBytes = 0 }.Validate(), e => e.Contains("upload size"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.Bambu, BambuFtpsPort = 0 }.Validate(), e => e.Contains("--bambu-ftps-port"));
        Assert.Contains(new SimulatorOptions { Dialect = PrinterDialect.Bambu, BambuSdCard = " " }.Validate(), e => e.Contains("--bambu-sd-card"));
        // Settings of printers the fleet does not have are not its business.
        Assert.Empty(new SimulatorOptions { FilesPort = -1, BambuFtpsPort = 0 }.Validate());
    }

    [Fact]
    public async Task The_command_line_refuses_a_bad_mix_without_starting_anything()
    {
        Assert.Equal(SimulatorCommandLine.InvalidUsage, await SimulatorCommandLine.RunAsync(["--dialects", "bambu=2,laser=1"]));
        Assert.Equal(SimulatorCommandLine.InvalidUsage, await SimulatorCommandLine.RunAsync(["--dialects", "bambu=2", "--printers", "3"]));
        Assert.Equal(SimulatorCommandLine.InvalidUsage, await SimulatorCommandLine.RunAsync(["--dialect", "prusa"]));
        Assert.Equal(SimulatorCommandLine.InvalidUsage, await SimulatorCommandLine.RunAsync(["--dialect", "octoprint", "--files-port", "-2"]));
        Assert.Equal(SimulatorCommandLine.InvalidUsage, await SimulatorCommandLine.RunAsync(["--dialect", "bambu", "--bambu-ftps-port", "0"]));
    }
}
