using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Printers.Dialects;
using PrintFarm.Tests.Simulator;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>
/// Uploads over real HTTP to the simulated OctoPrint (sim-001) and Moonraker (sim-002): the bytes
/// land in <c>{state}/files/{id}/</c> unchanged, a wrong key or checksum keeps nothing, and a
/// started upload prints for its slicer's time. The fleet is not started (no broker): the file
/// endpoints listen from construction, and the printers are driven through their speakers on a
/// test clock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PrinterFileEndpointTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(PrintFarm.Harness.TestFolders.Root, "simfiles", Guid.NewGuid().ToString("N")[..12]);
    private readonly ManualTimeProvider _clock = new();
    private readonly HttpClient _http = new();
    private SimulatedFleet _fleet = null!;
    private JsonNode _manifest = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(DialectCount.TryParseMix("octoprint=1,moonraker=1", out var mix, out _));
        _fleet = new SimulatedFleet(new SimulatorOptions
        {
            Printers = 2, Dialects = mix, BrokerPort = FreePort.Next(), FailureRate = 0, DialectPrintTime = TimeSpan.FromSeconds(3),
            StateDirectory = Path.Combine(_root, "sim"), MaxUploadBytes = 256 * 1024,
        }, _clock, NullLoggerFactory.Instance);
        _manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "sim", "fleet.json")))!["printers"]!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fleet.DisposeAsync();
    }

    private string OctoPrintUrl => (string)_manifest[0]!["octoPrint"]!["url"]!;
    private string OctoPrintKey => (string)_manifest[0]!["octoPrint"]!["apiKey"]!;
    private string MoonrakerUrl => (string)_manifest[1]!["moonraker"]!["url"]!;
    private string MoonrakerKey => (string)_manifest[1]!["moonraker"]!["apiKey"]!;

    /// <summary>Where the simulator keeps what a printer received.</summary>
    private string Stored(string printerId, string name) => Path.Combine(_root, "sim", "files", printerId, name);

    private static byte[] Sample(string name) => File.ReadAllBytes(SlicerTimeTests.Sample(name));

    private async Task<HttpResponseMessage> UploadAsync(string url, string? key, string? fileName, byte[] bytes,
        params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        if (fileName is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
        }
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", key);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private static async Task<JsonNode> BodyOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    /// <summary>Ticks the printer a second at a time until its job ends; returns the printing seconds it took.</summary>
    private int SecondsToFinish(IDialectSpeaker speaker)
    {
        var seconds = 0;
        while (speaker.Printer.CurrentJobId is not null)
        {
            Assert.True(++seconds < 10_000, "the job never ended");
            _clock.Advance(1);
            speaker.Tick();
        }
        return seconds;
    }

    [Fact]
    public void The_manifest_gives_each_printer_its_url_on_the_one_port_and_a_key_of_its_own()
    {
        var port = _fleet.FilesPort!.Value;
        Assert.Equal($"http://127.0.0.1:{port}/octoprint/sim-001/", OctoPrintUrl);
        Assert.Equal($"http://127.0.0.1:{port}/moonraker/sim-002/", MoonrakerUrl);
        Assert.Equal("octoprint/sim-001/", (string?)_manifest[0]!["octoPrint"]!["baseTopic"]);
        Assert.Equal("sim-002", (string?)_manifest[1]!["moonraker"]!["instance"]);
        Assert.Matches("^[0-9a-f]{32}$", OctoPrintKey);
        Assert.Matches("^[0-9a-f]{32}$", MoonrakerKey);
        Assert.NotEqual(OctoPrintKey, MoonrakerKey);
        Assert.DoesNotContain(OctoPrintKey, _fleet.Manifest[0].OctoPrint!.ToString());
    }

    [Fact]
    public async Task OctoPrint_stores_the_upload_unchanged_and_describes_it()
    {
        var bytes = Sample("prusaslicer-cube.gcode");
        using var response = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-1-1.gcode", bytes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var local = (await BodyOf(response))["files"]!["local"]!;
        Assert.Equal(("PF-UP-1-1.gcode", "PF-UP-1-1.gcode", "machinecode", "local"),
            ((string?)local["name"], (string?)local["path"], (string?)local["type"], (string?)local["origin"]));
        Assert.Equal(OctoPrintUrl + "api/files/local/PF-UP-1-1.gcode", response.Headers.Location?.ToString());
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(Stored("sim-001", "PF-UP-1-1.gcode"))));

        var (status, file) = await GetAsync(OctoPrintUrl + "api/files/local/PF-UP-1-1.gcode", OctoPrintKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bytes.Length, (long?)file!["size"]);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(bytes)), (string?)file["hash"]); // OctoPrint's hash is SHA-1
        Assert.Equal(750, (double?)file["gcodeAnalysis"]!["estimatedPrintTime"]);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(OctoPrintUrl + "api/files/local/nothing.gcode", OctoPrintKey)).Status);
    }

    [Fact]
    public async Task OctoPrint_refuses_a_wrong_key_no_file_and_what_is_not_gcode_keeping_nothing()
    {
        var bytes = Sample("prusaslicer-cube.gcode");
        using (var wrong = await UploadAsync(OctoPrintUrl + "api/files/local", MoonrakerKey, "PF-UP-2-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var none = await UploadAsync(OctoPrintUrl + "api/files/local", null, "PF-UP-2-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(OctoPrintUrl + "api/files/local/PF-UP-2-1.gcode", "0000")).Status);
        using (var noFile = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, null, [], ("select", "false")))
            Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        // A 3MF by name, and a zip by content behind a .gcode name.
        using (var project = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-2-1.gcode.3mf", Sample("orcaslicer-cube.gcode.3mf")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, project.StatusCode);
        using (var disguised = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-2-1.gcode", Sample("orcaslicer-cube.gcode.3mf")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);
        // Over the size limit (256 KiB in this fleet).
        using (var huge = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-2-1.gcode", new byte[300 * 1024]))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "sim", "files", "sim-001")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "sim", "files", ".uploads")));
    }

    [Fact]
    public async Task Moonraker_checks_the_checksum_and_the_key_and_reports_the_files_time()
    {
        var bytes = Sample("cura-cube.gcode");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using (var wrong = await UploadAsync(MoonrakerUrl + "server/files/upload", OctoPrintKey, "PF-UP-3-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var mismatch = await UploadAsync(MoonrakerUrl + "server/files/upload", MoonrakerKey, "PF-UP-3-1.gcode", bytes,
            ("checksum", new string('0', 64))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
            Assert.Equal(422, (int?)(await BodyOf(mismatch))["error"]!["code"]);
        }
        Assert.False(File.Exists(Stored("sim-002", "PF-UP-3-1.gcode")));
        using (var noFile = await UploadAsync(MoonrakerUrl + "server/files/upload", MoonrakerKey, null, [], ("root", "gcodes")))
            Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);

        // The checksum field after the file, as a client may send it.
        using var response = await UploadAsync(MoonrakerUrl + "server/files/upload", MoonrakerKey, "PF-UP-3-1.gcode", bytes,
            ("root", "gcodes"), ("checksum", sha.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyOf(response);
        Assert.Equal(("PF-UP-3-1.gcode", "gcodes", bytes.Length, "create_file"),
            ((string?)body["item"]!["path"], (string?)body["item"]!["root"], (int?)body["item"]!["size"], (string?)body["action"]));
        Assert.False((bool?)body["print_started"]);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Stored("sim-002", "PF-UP-3-1.gcode")))));

        var (status, metadata) = await GetAsync(MoonrakerUrl + "server/files/metadata?filename=PF-UP-3-1.gcode", MoonrakerKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bytes.Length, (long?)metadata!["result"]!["size"]);
        Assert.Equal(1530, (double?)metadata["result"]!["estimated_time"]);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(MoonrakerUrl + "server/files/metadata?filename=nothing.gcode", MoonrakerKey)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(MoonrakerUrl + "server/files/metadata?filename=PF-UP-3-1.gcode", OctoPrintKey)).Status);
    }

    [Fact]
    public async Task An_uploaded_file_started_on_OctoPrint_prints_for_its_time_and_cannot_be_overwritten_meanwhile()
    {
        var bytes = Sample("prusaslicer-cube.gcode");
        using (var upload = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-4-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var speaker = _fleet.Speakers[0];
        var published = speaker.Command(OctoPrintCommands.SelectTopic("octoprint/sim-001/"),
            Encoding.UTF8.GetBytes(OctoPrintCommands.SelectAndPrint("PF-UP-4-1.gcode")));
        Assert.Contains(published, m => m.Topic.EndsWith("event/PrintStarted", StringComparison.Ordinal));

        using (var overwrite = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-4-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Conflict, overwrite.StatusCode);
        _clock.Advance(1);
        var progress = speaker.Tick().Last(m => m.Topic.EndsWith("progress/printing", StringComparison.Ordinal));
        Assert.Equal(750, (double?)JsonNode.Parse(progress.Payload)!["printer_data"]!["job"]!["estimatedPrintTime"]);

        BambuSdCardTests.AssertAbout(750, SecondsToFinish(speaker) + 1, speaker.Printer.SpeedFactor);
        // Once printed, it may be replaced.
        using (var again = await UploadAsync(OctoPrintUrl + "api/files/local", OctoPrintKey, "PF-UP-4-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_file_started_on_Moonraker_prints_for_its_time_and_cannot_be_overwritten_meanwhile()
    {
        var bytes = Sample("cura-cube.gcode");
        using (var upload = await UploadAsync(MoonrakerUrl + "server/files/upload", MoonrakerKey, "PF-UP-5-1.gcode", bytes))
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var speaker = _fleet.Speakers[1];
        speaker.Command(MoonrakerCommands.RequestTopic("sim-002"), Encoding.UTF8.GetBytes(MoonrakerCommands.Start(1, "PF-UP-5-1.gcode")));
        Assert.Equal("PF-UP-5-1", speaker.Printer.CurrentJobId);

        using (var overwrite = await UploadAsync(MoonrakerUrl + "server/files/upload", MoonrakerKey, "PF-UP-5-1.gcode", bytes))
        {
            Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
            Assert.Contains("File is loaded", (string?)(await BodyOf(overwrite))["error"]!["message"]);
        }
        BambuSdCardTests.AssertAbout(1530, SecondsToFinish(speaker), speaker.Printer.SpeedFactor);

        // A file that was never uploaded still prints, for the configured time, as before.
        speaker.Command(MoonrakerCommands.RequestTopic("sim-002"), Encoding.UTF8.GetBytes(MoonrakerCommands.Start(2, "PF-UP-5-2.gcode")));
        BambuSdCardTests.AssertAbout(3, SecondsToFinish(speaker), speaker.Printer.SpeedFactor);
    }
}
