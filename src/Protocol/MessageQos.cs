namespace PrintFarm.Protocol;

/// <summary>
/// MQTT's delivery guarantee for a subscription or a message, in the farm's own words so the
/// dialect rules need no MQTT library. The numbers are MQTT's own.
/// </summary>
public enum MessageQos
{
    /// <summary>QoS 0: fire and forget (telemetry, whose next tick replaces it).</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged and redelivered until it is (events, statuses).</summary>
    AtLeastOnce = 1,
}
