using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Mqtt;
using PrintFarm.Silo.Telemetry.Links;
using PrintFarm.Tests.Links;

namespace PrintFarm.Tests.Mqtt;

/// <summary>
/// Mqtt:UseTls against a real mosquitto with a TLS listener whose certificate a private CA
/// signed: the silo's settings connect when they trust that CA and the name matches, and refuse a
/// broker that another CA vouches for or that does not carry the expected name.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerTlsTests
{
    private static readonly string Folder = Path.Combine(TestFolders.Root, "broker-tls");

    private static async Task<(PrivateMosquitto Broker, int TlsPort, PrivateCertificateAuthority Pki)> StartBroker(CancellationToken cancel)
    {
        var pki = PrivateCertificateAuthority.Create(Folder, "PrintFarm broker CA");
        var server = pki.Issue("mosquitto");
        var tlsPort = FreePort.Next();
        var broker = await PrivateMosquitto.StartAsync(Folder,
        [
            $"listener {tlsPort} 127.0.0.1",
            $"cafile {pki.CaPath}",
            $"certfile {server.CertificatePath}",
            $"keyfile {server.KeyPath}",
            "tls_version tlsv1.2",
        ], cancel);
        return (broker, tlsPort, pki);
    }

    private static async Task<bool> Connects(MqttOptions options, CancellationToken cancel)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(options.Host, options.Port).WithClientId($"tls-{Guid.NewGuid():N}"[..20])
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (options.UseTls) builder.WithTlsOptions(tls => BrokerTls.Configure(tls, options, BrokerTls.Authorities(options)));
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(builder.Build(), cancel);
            return client.IsConnected;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or System.Security.Authentication.AuthenticationException or IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task The_silo_reaches_mosquitto_over_TLS_trusting_only_the_configured_CA_and_name()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (broker, tlsPort, pki) = await StartBroker(cancel);
        await using var _ = broker;
        MqttOptions Options(string caFile, string? name = null) => new()
        {
            Embedded = false, Host = "127.0.0.1", Port = tlsPort, UseTls = true, CaFile = caFile, TlsServerName = name,
        };

        Assert.True(await Connects(Options(pki.CaPath), cancel));
        Assert.True(await Connects(Options(pki.CaPath, "localhost"), cancel));

        var otherCa = PrivateCertificateAuthority.Create(Folder, "PrintFarm broker CA");
        Assert.False(await Connects(Options(otherCa.CaPath), cancel));
        Assert.False(await Connects(Options(pki.CaPath, "mqtt.elsewhere.example"), cancel));
        // The machine's own trust store does not know the private CA either.
        Assert.False(await Connects(new MqttOptions { Embedded = false, Host = "127.0.0.1", Port = tlsPort, UseTls = true }, cancel));
    }

    [Fact]
    public async Task A_dialect_printers_link_reaches_the_farm_broker_over_TLS_as_the_silo_does()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (broker, tlsPort, pki) = await StartBroker(cancel);
        await using var _ = broker;
        var otherCa = PrivateCertificateAuthority.Create(Folder, "PrintFarm broker CA");

        async Task<(bool Connected, string? Problem)> Link(string caFile, string? name = null)
        {
            var options = new MqttOptions { Embedded = false, Host = "127.0.0.1", Port = tlsPort, UseTls = true, CaFile = caFile, TlsServerName = name };
            var farmBroker = new MqttPrinterConnectionFactory(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance).FarmBroker;
            var registration = new PrintFarm.Printers.Registry.PrinterRegistration
            {
                Id = $"octo-{Guid.NewGuid():N}"[..12],
                Dialect = PrintFarm.Printers.Registry.PrinterDialect.OctoPrint,
                OctoPrint = new PrintFarm.Printers.Registry.OctoPrintConnection { BaseTopic = "farm/octo-tls/" },
            };
            var settings = LinkSettings.For(registration, null, DialectLink.For(registration, TimeSpan.FromSeconds(10)), new LinkOptions(), farmBroker, TimeProvider.System);
            Assert.NotNull(settings.TlsTargetHost);
            var sink = new RecordingLinkSink();
            await using var connection = new PrinterLinkConnection(settings, sink, TimeProvider.System, NullLogger.Instance);
            connection.Start();
            return await sink.Next();
        }

        Assert.True((await Link(pki.CaPath)).Connected);
        var stranger = await Link(otherCa.CaPath);
        Assert.False(stranger.Connected);
        var misnamed = await Link(pki.CaPath, "mqtt.elsewhere.example");
        Assert.False(misnamed.Connected);
    }

    [Theory]
    [InlineData("true", "true", null, "Mqtt:UseTls is for an external broker")]
    [InlineData("false", "false", "/etc/ca.pem", "Mqtt:CaFile is set but Mqtt:UseTls is not")]
    [InlineData("false", "true", "/nowhere/ca.pem", "Mqtt:CaFile /nowhere/ca.pem does not exist")]
    public void Broker_TLS_settings_that_cannot_work_are_refused_naming_them(string embedded, string useTls, string? caFile, string message)
    {
        var options = new MqttOptions { Embedded = bool.Parse(embedded), UseTls = bool.Parse(useTls), CaFile = caFile };
        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(p => p.ErrorMessage).ToList();
        Assert.Contains(problems, p => p!.Contains(message));
    }
}
