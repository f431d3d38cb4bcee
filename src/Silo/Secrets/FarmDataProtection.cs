using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Registry;
using PrintFarm.Silo.Storage;

namespace PrintFarm.Silo.Secrets;

/// <summary>
/// Secrets at rest (printers' access codes) are protected with ASP.NET Core Data Protection. Its
/// key ring lives in the farm's database, on the connection the grain storage uses, so every silo
/// reads what another wrote; without it a key ring would sit in each machine's home folder and a
/// silo could not open what another protected.
/// </summary>
public static class FarmDataProtection
{
    /// <summary>The same for every silo: Data Protection isolates applications by this name.</summary>
    public const string ApplicationName = "PrintFarm";

    /// <summary>Call after <see cref="PostgresSchemaStartup"/> is registered and before Orleans: the key ring's table must exist, and Orleans' grains need a key.</summary>
    public static IHostApplicationBuilder AddFarmDataProtection(this IHostApplicationBuilder builder)
    {
        var storage = SettingsCheck.Read<StorageOptions>(builder.Configuration, StorageOptions.Section);
        FarmKeyRing? ring = storage.Provider switch
        {
            StorageProvider.Sqlite => FarmKeyRing.OnSqlite($"Data Source={storage.SqlitePath};Cache=Shared;Pooling=True;Default Timeout={(int)Math.Max(1, storage.BusyTimeout.TotalSeconds)}"),
            StorageProvider.PostgreSql => FarmKeyRing.OnPostgres(FarmStorageExtensions.RequireConnectionString(storage.ConnectionString, "Storage:ConnectionString", "Storage:Provider=PostgreSql")),
            _ => null,
        };
        IXmlRepository repository = ring ?? FarmKeyRing.InMemory;
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var keyRing = SettingsCheck.Read<KeyRingOptions>(builder.Configuration, KeyRingOptions.Section);
        if (!string.IsNullOrWhiteSpace(keyRing.CertificateFile))
        {
            var certificate = LoadCertificate(keyRing);
            // Unprotect names the certificate too: on Linux there is no machine store to find it in.
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        builder.Services.AddSingleton<IPrinterSecrets, DataProtectionPrinterSecrets>();
        builder.Services.AddSingleton<IHostedService>(sp => new KeyRingStartup(
            sp.GetRequiredService<IKeyManager>(), ring, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KeyRingStartup>>()));
        return builder;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(KeyRingOptions options)
    {
        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
                options.CertificateFile!, string.IsNullOrWhiteSpace(options.CertificateKeyFile) ? null : options.CertificateKeyFile);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException("KeyRing:CertificateFile needs its private key (KeyRing:CertificateKeyFile).");
            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // Not the exception's words: they could quote the file.
            throw new InvalidOperationException("KeyRing:CertificateFile and KeyRing:CertificateKeyFile must name a readable PEM certificate and its private key.");
        }
    }
}
