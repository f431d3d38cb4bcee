using System.Buffers;
using MQTTnet.Protocol;

namespace PrintFarm.Silo.Mqtt;

/// <summary>A reader of some topics (one per printer dialect).</summary>
public interface IMqttSubscriber
{
    IEnumerable<(string Filter, MqttQualityOfServiceLevel Qos)> Filters { get; }

    bool Handles(string topic);

    /// <summary>
    /// True for a filter whose messages the silos of a cluster may split between them (a
    /// <c>$share/</c> subscription on an external broker): high-volume, lossy-by-design traffic.
    /// False, the default, means every silo receives every message; right for events and
    /// statuses, which are rare, deduplicated by the printer grain, and must keep their order.
    /// </summary>
    bool SplitAcrossSilos(string filter) => false;

    /// <summary>
    /// False for a topic whose publishers may not retain (a native printer's telemetry and
    /// events): such a retained message is not handed on, and the silo clears it from the broker.
    /// </summary>
    bool MayBeRetained(string topic) => true;

    /// <summary>Throws only when the message could not be handed on and must be redelivered.</summary>
    Task Receive(string topic, ReadOnlySequence<byte> payload);
}
