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
        await using var rig = await Rig.Start(dialect, ct);
        var (farm, simulatorState, sdCard) = (rig.Farm, rig.SimulatorState, rig.SdCard);

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

    [Fact]
    public async Task A_mesh_design_waits_until_an_operator_attaches_its_sliced_file_then_the_printer_prints_that_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await Rig.Start(PrinterDialect.OctoPrint, ct);
        var farm = rig.Farm;
        using var customer = farm.Client(farm.Accounts.Customer.Key);
        var mesh = await Upload(customer, System.Text.Encoding.ASCII.GetBytes("solid cube\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\nendsolid cube\n"), "cube.stl", null, ct);
        using var placed = await customer.PostAsync("/api/orders", Json("""
            {"customer": {"name": "Ana", "email": "ana@example.com"}, "shipping": {"method": "pickup"},
             "items": [{"designId": "MESH", "quantity": 1, "material": "PLA", "estimatedPrintSeconds": 5400}]}
            """.Replace("MESH", mesh.ToString())), ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var reference = (await placed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("reference").GetString()!;
        var jobId = $"{reference}-1-1";
        var held = await Eventually.Get(() => farm.Get<JsonElement>($"/api/jobs/{jobId}"), j => j.ValueKind == JsonValueKind.Object, Patience, "the mesh's job");
        Assert.True(held.GetProperty("onHold").GetBoolean());
        // Released by hand, it still waits: there is nothing a printer could print.
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{reference}/status", Json("""{"status": "OnHold"}"""), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{reference}/status", Json("""{"status": "Queued"}"""), ct)).StatusCode);
        Assert.True((await farm.Get<JsonElement>($"/api/jobs/{jobId}")).GetProperty("onHold").GetBoolean());

        // The operator slices it and uploads the result to the customer's account.
        var bytes = SampleFiles.Bytes(SampleFiles.PrusaSlicer);
        var sliced = await Upload(farm.Http, bytes, SampleFiles.PrusaSlicer, farm.Accounts.Customer.Login, ct);

        // What does not fit is refused and changes nothing: another mesh, a file of another material.
        using var notSliced = await farm.Http.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json($$"""{"designId": "{{mesh}}"}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, notSliced.StatusCode);
        Assert.Contains("needs slicing too", await notSliced.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await farm.Http.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json("{}"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await farm.Http.PostAsync($"/api/orders/{reference}/items/5/sliced-file", Json($$"""{"designId": "{{sliced}}"}"""), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json($$"""{"designId": "{{sliced}}"}"""), ct)).StatusCode);
        Assert.True((await farm.Get<JsonElement>($"/api/jobs/{jobId}")).GetProperty("onHold").GetBoolean());

        using var attached = await farm.Http.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json($$"""{"designId": "{{sliced}}"}"""), ct);
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        var item = (await attached.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items")[0];
        Assert.Equal((750, "MK4S", sliced), (item.GetProperty("estimatedPrintSeconds").GetInt32(), item.GetProperty("printerModel").GetString(), item.GetProperty("designId").GetGuid()));
        // The same file again is a harmless retry; another one is refused (below).
        Assert.Equal(HttpStatusCode.OK, (await farm.Http.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json($$"""{"designId": "{{sliced}}"}"""), ct)).StatusCode);

        var ready = await Eventually.Get(() => farm.Get<JsonElement>($"/api/orders/{reference}"), o => o.Status() == "ReadyForPickup", Patience, $"order {reference} printed from its attached file");
        var job = Assert.Single(ready.GetProperty("items")[0].GetProperty("jobs").EnumerateArray());
        Assert.Equal(("Done", PrinterId), (job.GetProperty("status").GetString(), job.GetProperty("printerId").GetString()));
        var onPrinter = Path.Combine(rig.SimulatorState, SimulatedFleet.FilesFolderName, PrinterId, $"{jobId}.gcode");
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(onPrinter, ct)));
        var cura = await Upload(farm.Http, SampleFiles.Bytes(SampleFiles.Cura), SampleFiles.Cura, farm.Accounts.Customer.Login, ct);
        using var another = await farm.Http.PostAsync($"/api/orders/{reference}/items/0/sliced-file", Json($$"""{"designId": "{{cura}}"}"""), ct);
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    internal static async Task<Guid> Upload(HttpClient client, byte[] bytes, string name, string? forCustomer, CancellationToken ct)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        if (forCustomer is not null) form.Add(new StringContent(forCustomer), "customer");
        using var uploaded = await client.PostAsync("/api/designs", form, ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>One simulated printer of a dialect, online and idle, and the farm that drives it.</summary>
    private sealed record Rig(FarmHost Farm, SimulatedFleet Fleet, PrintFarm.Harness.PrivateVsftpd? SdCard, string SimulatorState) : IAsyncDisposable
    {
        public static async Task<Rig> Start(PrinterDialect dialect, CancellationToken ct)
        {
            var root = Path.Combine(PrintFarm.Harness.TestFolders.Root, "designprint", $"{dialect.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24]);
            var simulatorState = Path.Combine(root, "sim");
            var options = new SimulatorOptions
            {
                Printers = 1, Dialect = dialect, BambuPortBase = FreePort.Next(), FailureRate = 0, Seed = 7,
                TelemetryHz = 2, IdPrefix = "e2e-", Materials = ["PLA"], FileTimeScale = FileTimeScale,
                StateDirectory = simulatorState,
            };
            var sdCard = dialect == PrinterDialect.Bambu ? await BambuSdCard(root, simulatorState, options.BambuAccessCode, ct) : null;
            if (sdCard is not null) options = options with { BambuSdCard = sdCard.SdCard, BambuFtpsPort = sdCard.Port };

            var mqttPort = FreePort.Next();
            var farm = new FarmHost(printers: FarmHost.Fleet("e2e-", 1), settings: new Dictionary<string, string?>
            {
                ["Mqtt:Port"] = mqttPort.ToString(),
                ["Fleet:PrintersFile"] = Path.Combine(simulatorState, "fleet.json"),
                ["PrintFiles:FirstRetryAfter"] = "00:00:00.200",
            });
            var fleet = new SimulatedFleet(options with { BrokerPort = mqttPort, Logins = farm.Logins }, TimeProvider.System, NullLoggerFactory.Instance);
            var rig = new Rig(farm, fleet, sdCard, simulatorState);
            try
            {
                await farm.Start();
                await fleet.StartAsync(ct);
                await Eventually.Get(() => farm.Get<JsonElement>("/api/printers"),
                    p => p.EnumerateArray().Any(x => Text(x, "printerId") == PrinterId && Text(x, "connectivity") == "Online" && Text(x, "activity") == "Idle"),
                    Patience, $"the {dialect} printer online and idle");
                return rig;
            }
            catch
            {
                await rig.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Fleet.DisposeAsync();
            await Farm.DisposeAsync();
            if (SdCard is not null) await SdCard.DisposeAsync();
        }
    }

    /// <summary>A vsftpd as the printer's SD card, presenting a certificate of the simulator's Bambu CA for the printer's serial, as a real printer's FTPS does.</summary>
    /// <param name="serial">The Bambu printer's id, which its certificate names.</param>
    internal static async Task<PrintFarm.Harness.PrivateVsftpd> BambuSdCard(string root, string simulatorState, string accessCode, CancellationToken ct, string serial = PrinterId)
    {
        var authority = BambuCertificates.LoadOrCreateAuthority(simulatorState);
        using var issued = BambuCertificates.IssuePrinterCertificate(authority, serial);
        var folder = Directory.CreateDirectory(Path.Combine(root, "ftps-certificate")).FullName;
        var certificate = Path.Combine(folder, "printer.pem");
        var key = Path.Combine(folder, "printer.key");
        await File.WriteAllTextAsync(certificate, issued.ExportCertificatePem(), ct);
        await File.WriteAllTextAsync(key, issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), ct);
        var pem = new PrintFarm.Harness.IssuedCertificate(certificate, key, Path.Combine(simulatorState, BambuCertificates.CertificateFileName), issued.GetCertHashString(HashAlgorithmName.SHA256));
        return await PrintFarm.Harness.PrivateVsftpd.StartAsync(Path.Combine(root, "ftps"), serial, ct, pem, accessCode);
    }

    /// <summary>curl, as a client written elsewhere runs it: the status and the body.</summary>
    internal static async Task<(int Status, string Body)> Curl(CancellationToken ct, params string[] arguments)
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
