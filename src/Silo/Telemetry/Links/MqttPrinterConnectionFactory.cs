using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>The silo's printer connections: one MQTTnet client each (<see cref="PrinterLinkConnection"/>).</summary>
public sealed class MqttPrinterConnectionFactory(IOptions<MqttOptions> mqtt, TimeProvider clock, ILoggerFactory loggers) : IPrinterConnectionFactory
{
    public FarmBroker FarmBroker { get; } = new(mqtt.Value.Host, mqtt.Value.Port, mqtt.Value.Username, mqtt.Value.Password)
    {
        // Links to the farm's broker reach it as the silo does: over TLS when Mqtt:UseTls.
        UseTls = mqtt.Value.UseTls,
        TlsServerName = string.IsNullOrWhiteSpace(mqtt.Value.TlsServerName) ? null : mqtt.Value.TlsServerName,
        Authorities = BrokerTls.Authorities(mqtt.Value),
    };

    public IPrinterConnection Connect(LinkConnectionSettings settings, ILinkSink sink) =>
        new PrinterLinkConnection(settings, sink, clock, loggers.CreateLogger<PrinterLinkConnection>());
}
