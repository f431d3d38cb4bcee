using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Printers.Registry;
using PrintFarm.Tests.EndToEnd;
using PrintFarm.Tests.Links;

namespace PrintFarm.Tests.Secrets;

/// <summary>
/// The key ring in the farm's database, encrypted with a certificate (KeyRing:CertificateFile):
/// the database alone opens nothing; with the certificate a restarted farm opens what it stored.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class KeyRingCertificateTests
{
    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_only_that_certificate_opens_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ca = new TestCertificates("Key ring CA");
        var (_, certificatePem, keyPem) = ca.Server("printfarm-key-ring");
        var folder = Directory.CreateDirectory(Path.Combine(PrintFarm.Harness.TestFolders.Root, "keyring", Guid.NewGuid().ToString("N")[..8])).FullName;
        var certificateFile = Path.Combine(folder, "keyring.crt");
        var keyFile = Path.Combine(folder, "keyring.key");
        await File.WriteAllTextAsync(certificateFile, certificatePem, ct);
        await File.WriteAllTextAsync(keyFile, keyPem, ct);
        var database = Path.Combine(PrintFarm.Harness.TestFolders.Root, $"farm-keyring-{Guid.NewGuid():N}.db");
        var withCertificate = new Dictionary<string, string?> { ["KeyRing:CertificateFile"] = certificateFile, ["KeyRing:CertificateKeyFile"] = keyFile };

        string kept;
        await using (var farm = new FarmHost(database, withCertificate))
        {
            await farm.Start();
            kept = farm.SiloServices.GetRequiredService<IPrinterSecrets>().Protect("24681357");
        }
        var keys = StoredKeys(database);
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("EncryptedXmlDecryptor", k);
            Assert.DoesNotContain("unencrypted form", k);
        });

        await using (var again = new FarmHost(database, withCertificate))
        {
            await again.Start();
            Assert.Equal("24681357", again.SiloServices.GetRequiredService<IPrinterSecrets>().Unprotect(kept));
        }
        await using (var without = new FarmHost(database))
        {
            await without.Start();
            Assert.ThrowsAny<CryptographicException>(() => without.SiloServices.GetRequiredService<IPrinterSecrets>().Unprotect(kept));
        }
    }

    private static List<string> StoredKeys(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM printfarm_dataprotection_keys";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }
}
