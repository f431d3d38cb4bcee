using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Links;

/// <summary>
/// mosquitto with TLS listeners plays Bambu printers: a certificate made by the test whose CN is
/// the serial, user <c>bblp</c> with the access code as password. The farm must connect only to
/// the printer it was told about, and fifty printers that are off must not hold up a live one.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BambuLinkTests
{
    private const string Serial = "01S00C123400001";
    private const string OtherSerial = "01S00C123400002";
    private const string AccessCode = "12345678";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static string WorkDirectory =>
        Path.Combine(PrintFarm.Harness.TestFolders.Root, "bambu");

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Registration(string id, string serial, int port, string caPem, string code = AccessCode, string host = "127.0.0.1") => new
    {
        id, dialect = "bambu", model = "X1C", materials = new[] { "PETG" },
        bambu = new { host, serial, accessCode = code, port, caCertificate = caPem },
    };

    [Fact]
    public async Task The_farm_connects_over_TLS_to_the_pinned_printer_only_asks_for_pushall_and_follows_its_reports()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bambuCa = new TestCertificates("BBL Test CA");
        using var otherCa = new TestCertificates("Someone else's CA");
        var directory = Path.Combine(WorkDirectory, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        string Write(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return path;
        }
        var (_, printerCert, printerKey) = bambuCa.Server(Serial);
        var (_, strangerCert, strangerKey) = otherCa.Server(OtherSerial);
        var (_, lockedCert, lockedKey) = bambuCa.Server("01S00C888888888");
        var caFile = Write("bbl-ca.pem", bambuCa.CaPem);
        var passwords = Write("passwords", "");
        await MosquittoClients.Run("/usr/bin/mosquitto_passwd", ["-b", passwords, "bblp", AccessCode]);
        File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        int printerPort = FreePort.Next(), strangerPort = FreePort.Next(), lockedPort = FreePort.Next();
        await using var broker = await PrivateMosquitto.StartAsync(directory,
        [
            "allow_anonymous false",
            $"password_file {passwords}",
            // "The printer": its certificate names the serial and is signed by the registered CA.
            $"listener {printerPort} 127.0.0.1",
            $"certfile {Write("printer.crt", printerCert)}",
            $"keyfile {Write("printer.key", printerKey)}",
            // An impostor: right protocol, certificate from another CA.
            $"listener {strangerPort} 127.0.0.1",
            $"certfile {Write("stranger.crt", strangerCert)}",
            $"keyfile {Write("stranger.key", strangerKey)}",
            // A genuine printer whose access code we get wrong.
            $"listener {lockedPort} 127.0.0.1",
            $"certfile {Write("locked.crt", lockedCert)}",
            $"keyfile {Write("locked.key", lockedKey)}",
        ], ct);

        // Fifty printers that are off: nothing listens on their ports, or nothing answers at all.
        var offPrinters = Enumerable.Range(0, 50).Select(i => new
        {
            id = $"off-{i:00}", dialect = "bambu", materials = new[] { "PLA" },
            bambu = new
            {
                host = i % 2 == 0 ? "127.0.0.1" : "192.0.2.1", serial = $"OFF{i:000}", accessCode = "00000000",
                port = i % 2 == 0 ? FreePort.Next() : 8883, caCertificate = caFile,
            },
        }).ToList();
        var printersFile = Path.Combine(directory, "printers.json");
        await File.WriteAllTextAsync(printersFile, JsonSerializer.Serialize(new { printers = offPrinters }), ct);

        await using var farm = new FarmHost(settings: new Dictionary<string, string?>
        {
            ["Fleet:PrintersFile"] = printersFile,
            ["Links:ReconnectDelay"] = "00:00:00.200",
            ["Links:ReconnectMaxDelay"] = "00:00:02",
            ["Links:ConnectTimeout"] = "00:00:03",
            ["Links:HeartbeatEvery"] = "00:00:01",
        });
        await farm.Start();
        var registered = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/registrations"), r => r.GetArrayLength() == 50, Patience, "50 printers from the file");
        Assert.All(registered.EnumerateArray(), r => Assert.Equal("set", r.GetProperty("bambu").GetProperty("accessCode").GetString()));

        // The printer side listens for what the farm asks of it (on the broker's plain listener, same password).
        await using var requests = await MqttListener.Start(broker.Port, $"device/{Serial}/request", "bblp", AccessCode);

        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/printers", Json(Registration("x1c-live", Serial, printerPort, bambuCa.CaPem)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/printers", Json(Registration("x1c-impostor", OtherSerial, strangerPort, bambuCa.CaPem)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/printers", Json(Registration("x1c-renamed", "01S00C999999999", printerPort, bambuCa.CaPem)), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await farm.Http.PostAsync("/api/printers", Json(Registration("x1c-badcode", "01S00C888888888", lockedPort, bambuCa.CaPem, code: "wrongcode")), ct)).StatusCode);

        // Pinned: the right CA and the right name, or no connection.
        await DialectIngestionTests.LinkConnected(farm, "x1c-live");
        var pushall = await requests.Next(m => m.Payload.Contains("pushall"), Patience, "pushall from the farm");
        Assert.Equal("pushall", (string?)JsonNode.Parse(pushall.Payload)!["pushing"]!["command"]);
        var impostor = await LinkProblem(farm, "x1c-impostor");
        Assert.Contains("not signed by its registered CA", impostor);
        var renamed = await LinkProblem(farm, "x1c-renamed");
        Assert.Contains($"names '{Serial}', not the registered serial", renamed);
        var badCode = await LinkProblem(farm, "x1c-badcode");
        Assert.Contains("refused the credentials", badCode);
        Assert.DoesNotContain("wrongcode", badCode);

        // The live printer's reports (a full one, then a P1-style delta) reach the farm while fifty are retrying.
        await MosquittoClients.Publish(broker.Port, $"device/{Serial}/report", """
            {"print":{"command":"push_status","msg":0,"sequence_id":"1","gcode_state":"IDLE","mc_percent":0,"nozzle_temper":31.5,
             "nozzle_target_temper":0,"bed_temper":25.0,"bed_target_temper":0,"subtask_name":"","print_error":0,"hms":[]}}
            """, user: "bblp", password: AccessCode);
        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/x1c-live"),
            p => p.GetProperty("connectivity").GetString() == "Online" && p.TryGetProperty("nozzleTemperature", out var t) && t.GetDouble() == 31.5,
            Patience, "x1c-live online at 31.5 °C");
        var offStates = await Task.WhenAll(offPrinters.Select(p => farm.Get<JsonElement>($"/api/printers/{p.id}")));
        Assert.All(offStates, s => Assert.NotEqual("Connected", s.GetProperty("link").GetProperty("state").GetString()));
        Assert.Contains(offStates, s => s.GetProperty("link").GetProperty("failedAttempts").GetInt32() >= 1);

        await MosquittoClients.Publish(broker.Port, $"device/{Serial}/report", """{"print":{"command":"push_status","msg":1,"sequence_id":"2","nozzle_temper":"35.0"}}""",
            user: "bblp", password: AccessCode);
        var live = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/x1c-live"),
            p => p.TryGetProperty("nozzleTemperature", out var t) && t.GetDouble() == 35.0, Patience, "the delta applied");
        Assert.Equal(25.0, live.GetProperty("bedTemperature").GetDouble());
        Assert.Equal("Idle", live.GetProperty("activity").GetString());

        // A firmware that refuses commands shows it.
        await MosquittoClients.Publish(broker.Port, $"device/{Serial}/report", """{"print":{"command":"pause","sequence_id":"9","result":"failed","reason":"Developer Mode is off"}}""",
            user: "bblp", password: AccessCode);
        var refused = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/x1c-live"),
            p => p.GetProperty("link").TryGetProperty("commands", out _), Patience, "the refusal shown");
        Assert.Equal("commands refused by firmware: pause (Developer Mode is off)", refused.GetProperty("link").GetProperty("commands").GetString());

        // Only one pushall however long we stay connected.
        Assert.Single(requests.Received, m => m.Payload.Contains("pushall"));
    }

    private static async Task<string> LinkProblem(FarmHost farm, string printerId)
    {
        var printer = await Eventually.Get(() => farm.Get<JsonElement>($"/api/printers/{printerId}"),
            p => p.GetProperty("link").TryGetProperty("problem", out var problem) && problem.GetString()!.Contains("refused"),
            Patience, $"{printerId} refused");
        Assert.NotEqual("Connected", printer.GetProperty("link").GetProperty("state").GetString());
        return printer.GetProperty("link").GetProperty("problem").GetString()!;
    }
}
