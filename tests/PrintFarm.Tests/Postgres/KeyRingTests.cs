using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Printers.Registry;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Postgres;

/// <summary>
/// The Data Protection key ring lives in the cluster's PostgreSQL: every silo opens what another
/// protected, and a restarted farm still opens what it stored. The registry keeps only that form.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class KeyRingTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string AccessCode = "16180339";

    [Fact]
    public async Task Two_silos_on_one_database_unprotect_each_others_secrets_and_a_restart_keeps_the_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.NewDatabase();
        string fromFirst, fromSecond;
        await using (var farm = FarmHost.OnPostgres(database))
        {
            await farm.Start();
            var second = await farm.AddSilo();
            var first = farm.SiloServices.GetRequiredService<IPrinterSecrets>();
            var other = second.Services.GetRequiredService<IPrinterSecrets>();
            fromFirst = first.Protect("code-of-the-first");
            fromSecond = other.Protect("code-of-the-second");
            Assert.Equal("code-of-the-first", other.Unprotect(fromFirst));
            Assert.Equal("code-of-the-second", first.Unprotect(fromSecond));
            // The second silo found the first one's key rather than making its own.
            Assert.Equal(1L, await Sql.Scalar<long>(database, "SELECT count(*) FROM printfarm_dataprotection_keys"));

            using var ca = new Links.TestCertificates();
            var registration = JsonSerializer.Serialize(new
            {
                id = "x1c-pg", dialect = "bambu", materials = new[] { "PLA" },
                bambu = new { host = "127.0.0.1", serial = "01S00C123400099", accessCode = AccessCode, port = FreePort.Next(), caCertificate = ca.CaPem },
            });
            using var created = await farm.Http.PostAsync("/api/printers", new StringContent(registration, Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Stored as readable JSON with the code protected, nowhere in plain text.
        var payloads = await Sql.Strings(database, "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE payloadbinary IS NOT NULL");
        var registry = Assert.Single(payloads, p => p.Contains("\"Secrets\"") && p.Contains("x1c-pg"));
        Assert.DoesNotContain(payloads, p => p.Contains(AccessCode));
        var kept = JsonDocument.Parse(registry).RootElement.GetProperty("Secrets").GetProperty("x1c-pg").GetString()!;

        // Another start of the farm on the same database opens all of it.
        await using var again = FarmHost.OnPostgres(database);
        await again.Start();
        var secrets = again.SiloServices.GetRequiredService<IPrinterSecrets>();
        Assert.Equal("code-of-the-first", secrets.Unprotect(fromFirst));
        Assert.Equal("code-of-the-second", secrets.Unprotect(fromSecond));
        Assert.Equal(AccessCode, secrets.Unprotect(kept));
    }
}
