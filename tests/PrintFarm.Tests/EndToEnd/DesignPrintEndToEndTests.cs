using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Tests.Designs;

namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// A real sliced file from upload to the printer's storage, per dialect: a customer uploads a
/// design, orders it through the Sculpteo form endpoint with curl (as a shop front written for
/// Sculpteo would), the farm uploads the file to the simulated printer (OctoPrint and Moonraker
/// over HTTP, Bambu over implicit FTPS to a real vsftpd serving its SD card), starts it, and the
/// printer prints it for the time its slicer wrote, to ReadyToShip.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DesignPrintEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    /// <summary>The sample files print for 750 s to 2772 s; scaled, for 3 s to 11 s.</summary>
    private const double FileTimeScale = 0.004;
    private const string PrinterId = "e2e-001";

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Theory]
    [InlineData(PrinterDialect.OctoPrint, SampleFiles.PrusaSlicer, 750, "")]
    // Cura writes no material type: the item names it (uuid:qty:scale:unit:material).
    [InlineData(PrinterDialect.Moonraker, SampleFiles.Cura, 1530, ":1:mm:PLA")]
    [InlineData(PrinterDialect.Bambu, SampleFiles.OrcaSlicer, 2772, "")]
    public async Task A_design_ordered_through_the_Sculpteo_form_reaches_the_printer_byte_for_byte_and_is_printed(PrinterDialect dialect, string sample, int slicedSeconds, string itemTail)
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(PrintFarm.Harness.TestFolders.Root, "designprint", $"{dialect.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24]);
        var simulatorState = Path.Combine(root, "sim");
        var options = new SimulatorOptions
        {
            Printers = 1, Dialect = dialect, BambuPortBase = FreePort.Next(), FailureRate = 0, Seed = 7,
            TelemetryHz = 2, IdPrefix = "e2e-", Materials = ["PLA"], FileTimeScale = FileTimeScale,
            StateDirectory = simulatorState,
        };
        await using var sdCard = dialect == PrinterDialect.Bambu ? await BambuSdCard(root, simulatorState, options.BambuAccessCode, ct) : null;
        if (sdCard is not null) options = options with { BambuSdCard = sdCard.SdCard, BambuFtpsPort = sdCard.Port };

        var mqttPort = FreePort.Next();
        await using var farm = new FarmHost(printers: FarmHost.Fleet("e2e-", 1), settings: new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = mqttPort.ToString(),
            ["Fleet:PrintersFile"] = Path.Combine(simulatorState, "fleet.json"),
            ["PrintFiles:FirstRetryAfter"] = "00:00:00.200",
        });
        await using var fleet = new SimulatedFleet(options with { BrokerPort = mqttPort, Logins = farm.Logins }, TimeProvider.System, NullLoggerFactory.Instance);
        await farm.Start();
        await fleet.StartAsync(ct);
        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"),
            p => p.EnumerateArray().Any(x => Text(x, "printerId") == PrinterId && Text(x, "connectivity") == "Online" && Text(x, "activity") == "Idle"),
            Patience, $"the {dialect} printer online and idle");

        using var customer = farm.Client(farm.Accounts.Customer.Key);
        var bytes = SampleFiles.Bytes(sample);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", sample);
        using var uploaded = await customer.PostAsync("/api/designs", form, ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var design = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        // What a shop front written for Sculpteo sends: a plain form post, the design by its UUID.
        var (status, body) = await Curl(ct, "-F", $"login={farm.Accounts.Customer.Login}", "-F", $"password={farm.Accounts.Customer.Password}",
            "-F", $"item[0]={design}:1{itemTail}", "-F", "ship_addressee=Ana Lima", "-F", "ship_street1=12 rue des Imprimeurs", "-F", "ship_city=Lyon",
            "-F", "ship_postal_code=69001", "-F", "ship_country=FR", "-F", "comment=shop-ref-42", $"{farm.Http.BaseAddress}api/store/3D/order/");
        Assert.Equal(200, status);
        var reference = body.Trim();
        Assert.Matches("^PF-", reference);

        var ready = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"),
            o => o.Status() == "ReadyToShip", Patience, $"order {reference} printed by the {dialect} printer");
        var item = ready.GetProperty("items")[0];
        Assert.Equal(slicedSeconds, item.GetProperty("estimatedPrintSeconds").GetInt32());
        var job = Assert.Single(item.GetProperty("jobs").EnumerateArray());
        Assert.Equal(("Done", PrinterId), (job.GetProperty("status").GetString(), job.GetProperty("printerId").GetString()));
        Assert.Equal(["shop-ref-42"], ready.GetProperty("attachments").GetProperty("comments").EnumerateArray().Select(c => c.GetString()));

        // The file the printer printed is the design's, byte for byte.
        var jobId = $"{reference}-1-1";
        var onPrinter = dialect == PrinterDialect.Bambu
            ? sdCard!.OnCard($"{jobId}.gcode.3mf")
            : Path.Combine(simulatorState, SimulatedFleet.FilesFolderName, PrinterId, $"{jobId}.gcode");
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(onPrinter, ct)));
        var link = await farm.Get<JsonElement>($"/api/printers/{PrinterId}");
        Assert.Contains($"{jobId}.", link.ToString());
    }

    /// <summary>A vsftpd as the printer's SD card, presenting a certificate of the simulator's Bambu CA for the printer's serial, as a real printer's FTPS does.</summary>
    private static async Task<PrintFarm.Harness.PrivateVsftpd> BambuSdCard(string root, string simulatorState, string accessCode, CancellationToken ct)
    {
        var authority = BambuCertificates.LoadOrCreateAuthority(simulatorState);
        using var issued = BambuCertificates.IssuePrinterCertificate(authority, PrinterId);
        var folder = Directory.CreateDirectory(Path.Combine(root, "ftps-certificate")).FullName;
        var certificate = Path.Combine(folder, "printer.pem");
        var key = Path.Combine(folder, "printer.key");
        await File.WriteAllTextAsync(certificate, issued.ExportCertificatePem(), ct);
        await File.WriteAllTextAsync(key, issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), ct);
        var pem = new PrintFarm.Harness.IssuedCertificate(certificate, key, Path.Combine(simulatorState, BambuCertificates.CertificateFileName), issued.GetCertHashString(HashAlgorithmName.SHA256));
        return await PrintFarm.Harness.PrivateVsftpd.StartAsync(Path.Combine(root, "ftps"), PrinterId, ct, pem, accessCode);
    }

    private static async Task<(int Status, string Body)> Curl(CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-sS", "-w", "\n%{http_code}", .. arguments]) start.ArgumentList.Add(a);
        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync(ct);
        await curl.WaitForExitAsync(ct);
        Assert.True(curl.ExitCode == 0, await curl.StandardError.ReadToEndAsync(ct));
        var cut = output.LastIndexOf('\n');
        return (int.Parse(output[(cut + 1)..]), output[..cut]);
    }
}
