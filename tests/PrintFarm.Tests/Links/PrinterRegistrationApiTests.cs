using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Links;

/// <summary>
/// <c>POST /api/printers</c> and <c>DELETE /api/printers/registrations/{id}</c> against a whole
/// farm (FarmHost): what an HTTP caller can learn or take, and that the access code is kept only
/// protected, in the database, the answers and the logs.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PrinterRegistrationApiTests
{
    private const string AccessCode = "27182818";
    private const string OtherCode = "31415926";
    private const string Serial = "01S00C123400077";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Bambu(string id, string ca, string code = AccessCode, string serial = Serial) => new
    {
        id, dialect = "bambu", model = "X1C", materials = new[] { "PLA" },
        // Nothing listens there: the link keeps trying, which is all these checks need.
        bambu = new { host = "127.0.0.1", serial, accessCode = code, port = FreePort.Next(), caCertificate = ca },
    };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(FarmHost farm, object body)
    {
        using var response = await farm.Http.PostAsync("/api/printers", Json(body), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    [Fact]
    public async Task Registration_refuses_what_it_must_tells_nothing_of_codes_or_files_and_keeps_the_code_only_protected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ca = new TestCertificates("BBL Test CA");
        var folder = Directory.CreateDirectory(Path.Combine(PrintFarm.Harness.TestFolders.Root, "registration", Guid.NewGuid().ToString("N")[..8])).FullName;
        var caFile = Path.Combine(folder, "bambu-ca.pem");
        await File.WriteAllTextAsync(caFile, ca.CaPem, ct);
        var logs = new RecordingLoggerProvider();
        await using var farm = new FarmHost(printers: ["native-01"], settings: new Dictionary<string, string?>
        {
            ["Links:CaCertificateFolder"] = folder,
            // From configuration: a CA outside the folder is refused there too, and the next printer still comes up.
            ["Fleet:Printers:0:Id"] = "x1c-conf",
            ["Fleet:Printers:0:Dialect"] = "Bambu",
            ["Fleet:Printers:0:Materials:0"] = "PLA",
            ["Fleet:Printers:0:Bambu:Host"] = "127.0.0.1",
            ["Fleet:Printers:0:Bambu:Serial"] = "01S00C123400078",
            ["Fleet:Printers:0:Bambu:AccessCode"] = AccessCode,
            ["Fleet:Printers:0:Bambu:CaCertificate"] = "/etc/hostname",
            ["Fleet:Printers:1:Id"] = "octo-conf",
            ["Fleet:Printers:1:Dialect"] = "OctoPrint",
            ["Fleet:Printers:1:Materials:0"] = "PLA",
            ["Fleet:Printers:1:OctoPrint:BaseTopic"] = "shop/octo-conf/",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:PrintFarm"] = "Debug",
        }, siloServices: s => s.AddSingleton<ILoggerProvider>(logs));
        await farm.Start();

        await Eventually.Get(() => RegistrationOf(farm, "octo-conf"), r => r is not null, Patience, "the configured OctoPrint registered");
        Assert.Null(await RegistrationOf(farm, "x1c-conf"));

        // A native printer announces itself: its id is taken, dialect registrations cannot divert its commands.
        using (var native = new MqttClientFactory().CreateMqttClient())
        {
            await native.ConnectAsync(farm.PrinterClient("native-01").Build(), ct);
            await native.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("farm/printers/native-01/status")
                .WithPayload("""{"online":true,"model":"MK4","materials":["PLA"]}""").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
            await Eventually.Get(async () => (await farm.Http.GetAsync("/api/printers/native-01", ct)).StatusCode, s => s == HttpStatusCode.OK, Patience, "the native printer known");
        }
        var taken = await Post(farm, new { id = "native-01", dialect = "moonraker", materials = new[] { "PLA" }, moonraker = new { instance = "native-01" } });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("already knows a printer 'native-01'", Detail(taken.Body));
        Assert.Null(await RegistrationOf(farm, "native-01"));

        // CA paths: outside the folder, endless, missing or not a certificate all read the same, and fast.
        var answers = new List<string>();
        foreach (var path in new[] { "/dev/zero", "/etc/hostname", Path.Combine(folder, "missing.pem"), "/nonexistent/ca.pem", Path.Combine(folder, "..", "x.pem") })
        {
            var refused = await Post(farm, Bambu("x1c-ca", path));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("bambu.caCertificate", Detail(refused.Body));
            answers.Add(Detail(refused.Body));
        }
        Assert.Single(answers.Distinct());

        // A file in the folder works; so does PEM text.
        var created = await Post(farm, Bambu("x1c-01", caFile));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("set", created.Body.GetProperty("bambu").GetProperty("accessCode").GetString());

        // Again with the right code, with a wrong one: one answer.
        var right = await Post(farm, Bambu("x1c-01", caFile));
        var wrong = await Post(farm, Bambu("x1c-01", caFile, code: OtherCode));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (right.Status, wrong.Status));
        Assert.Equal(Detail(right.Body), Detail(wrong.Body));

        // Another printer on the same serial: refused without naming the serial or the printer.
        var sameSerial = await Post(farm, Bambu("x1c-02", ca.CaPem, code: OtherCode));
        Assert.Equal(HttpStatusCode.Conflict, sameSerial.Status);
        Assert.DoesNotContain(Serial, sameSerial.Body.ToString());
        Assert.DoesNotContain("x1c-01", Detail(sameSerial.Body));

        // Sizes and counts: 400 naming the field, nothing registered.
        var tooMany = await Post(farm, new { id = "octo-big", dialect = "octoprint", materials = Enumerable.Range(0, 40).Select(i => $"M{i}").ToArray(), octoPrint = new { baseTopic = "shop/octo-big/" } });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.True(tooMany.Body.GetProperty("errors").TryGetProperty("materials", out _));
        var longModel = await Post(farm, new { id = "octo-big", dialect = "octoprint", model = new string('m', 500), materials = new[] { "PLA" }, octoPrint = new { baseTopic = "shop/octo-big/" } });
        Assert.True(longModel.Body.GetProperty("errors").TryGetProperty("model", out _));
        Assert.Null(await RegistrationOf(farm, "octo-big"));

        // Deleted: gone with its code, and the id may be registered again.
        Assert.Equal(HttpStatusCode.NoContent, (await farm.Http.DeleteAsync("/api/printers/registrations/x1c-01", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.DeleteAsync("/api/printers/registrations/x1c-01", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Http.DeleteAsync("/api/printers/registrations/native-01", ct)).StatusCode);
        Assert.Null(await RegistrationOf(farm, "x1c-01"));
        Assert.Equal(HttpStatusCode.Created, (await Post(farm, Bambu("x1c-01", ca.CaPem, code: OtherCode))).Status);

        // Wherever it shows, the code does not.
        var everything = string.Join("\n",
            (await farm.Http.GetStringAsync("/api/printers/registrations", ct)),
            (await farm.Http.GetStringAsync("/api/printers/x1c-01", ct)),
            (await farm.Http.GetStringAsync("/api/printers", ct)));
        Assert.DoesNotContain(AccessCode, everything);
        Assert.DoesNotContain(OtherCode, everything);

        // In the database: only the protected form (the registry's state, and every other row).
        await Eventually.Get(() => Task.FromResult(StoredPayloads(farm.DatabasePath)), p => p.Any(s => s.Contains("x1c-01")), Patience, "the registry stored");
        var stored = StoredPayloads(farm.DatabasePath);
        var registry = Assert.Single(stored, p => p.Contains("\"Secrets\"") && p.Contains("x1c-01"));
        Assert.DoesNotContain(AccessCode, string.Join("\n", stored));
        Assert.DoesNotContain(OtherCode, string.Join("\n", stored));
        Assert.True(JsonDocument.Parse(registry).RootElement.GetProperty("Secrets").GetProperty("x1c-01").GetString()!.Length > 40);

        // And in no log line of the silo.
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(AccessCode) || l.Contains(OtherCode));
    }

    [Fact]
    public async Task A_deleted_registration_stops_its_link_and_the_printer_goes_offline()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var farm = new FarmHost(printers: ["octo-09"], settings: new Dictionary<string, string?>
        {
            ["Links:HeartbeatEvery"] = "00:00:01",
            ["Links:ReconnectDelay"] = "00:00:00.200",
        });
        await farm.Start();
        Assert.Equal(HttpStatusCode.Created, (await Post(farm, new { id = "octo-09", dialect = "octoprint", materials = new[] { "PLA" }, octoPrint = new { baseTopic = "shop/octo-09/" } })).Status);
        await DialectIngestionTests.LinkConnected(farm, "octo-09");

        using var octo = new MqttClientFactory().CreateMqttClient();
        await octo.ConnectAsync(farm.PrinterClient("octo-09").Build(), ct);
        await octo.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("shop/octo-09/mqtt").WithPayload("connected").WithRetainFlag()
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/octo-09"), p => p.GetProperty("connectivity").GetString() == "Online", Patience, "octo-09 online");

        Assert.Equal(HttpStatusCode.NoContent, (await farm.Http.DeleteAsync("/api/printers/registrations/octo-09", ct)).StatusCode);
        var after = await Eventually.Get(() => farm.Get<JsonElement>("/api/printers/octo-09"),
            p => p.GetProperty("connectivity").GetString() == "Offline", Patience, "octo-09 offline once its registration is deleted");
        Assert.False(after.TryGetProperty("registration", out _));
        Assert.False(after.TryGetProperty("link", out _));
        Assert.Empty((await farm.Get<JsonElement>("/api/printers/registrations")).EnumerateArray());
    }

    [Fact]
    public async Task Registry_state_stored_in_plain_text_by_an_earlier_version_loads_and_is_encrypted_in_place()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ca = new TestCertificates();
        var database = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"farm-plain-{Guid.NewGuid():N}.db");
        await using (var farm = new FarmHost(database))
        {
            await farm.Start();
            Assert.Equal(HttpStatusCode.Created, (await Post(farm, Bambu("x1c-old", ca.CaPem))).Status);
        }

        // Rewrite the registry's row as an earlier version stored it: the code inside the registration, no Secrets.
        var row = Assert.Single(StoredPayloads(database), p => p.Contains("\"Secrets\"") && p.Contains("x1c-old"));
        var old = System.Text.Json.Nodes.JsonNode.Parse(row)!.AsObject();
        old.Remove("Secrets");
        old.Remove("Deleted");
        old["Printers"]!["x1c-old"]!["Bambu"]!["AccessCode"] = AccessCode;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database }.ToString()))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE OrleansStorage SET PayloadBinary = $payload WHERE CAST(PayloadBinary AS TEXT) = $row";
            update.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(old.ToJsonString()));
            update.Parameters.AddWithValue("$row", row);
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        Assert.Contains(StoredPayloads(database), p => p.Contains(AccessCode));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var again = new FarmHost(database);
        await again.Start();
        var view = await Eventually.Get(() => RegistrationOf(again, "x1c-old"), r => r is not null, Patience, "the old registration loaded");
        Assert.Equal("set", view!.Value.GetProperty("bambu").GetProperty("accessCode").GetString());
        // Encrypted in place when the registry first loaded it.
        var stored = await Eventually.Get(() => Task.FromResult(StoredPayloads(database)), p => !p.Any(x => x.Contains(AccessCode)), Patience, "the plain code gone from the database");
        var registry = Assert.Single(stored, p => p.Contains("\"Secrets\"") && p.Contains("x1c-old"));
        var kept = JsonDocument.Parse(registry).RootElement.GetProperty("Secrets").GetProperty("x1c-old").GetString()!;
        Assert.Equal(AccessCode, again.SiloServices.GetRequiredService<PrintFarm.Printers.Registry.IPrinterSecrets>().Unprotect(kept));
    }

    private static async Task<JsonElement?> RegistrationOf(FarmHost farm, string id)
    {
        var all = await farm.Get<JsonElement>("/api/printers/registrations");
        return all.EnumerateArray().Where(r => r.GetProperty("id").GetString() == id).Select(r => (JsonElement?)r).FirstOrDefault();
    }

    /// <summary>Every grain state row, as text.</summary>
    private static List<string> StoredPayloads(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(PayloadBinary AS TEXT) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }
}
